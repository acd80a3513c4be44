import type { Db } from '../../platform/db/db.ts';

export function listCustomFields(db: Db, tenantId: string) {
  return db.selectFrom('custom_fields').selectAll().where('tenant_id', '=', tenantId).orderBy('position').orderBy('key').execute();
}

export type CustomFieldRow = Awaited<ReturnType<typeof listCustomFields>>[number];

export function findCustomField(db: Db, tenantId: string, id: string) {
  return db.selectFrom('custom_fields').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function insertCustomField(db: Db, tenantId: string, v: { key: string; label: string; type: CustomFieldRow['type']; options: string[]; position: number }) {
  return db
    .insertInto('custom_fields')
    .values({ tenant_id: tenantId, key: v.key, label: v.label, type: v.type, options: JSON.stringify(v.options), position: v.position })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateCustomField(db: Db, tenantId: string, id: string, v: { label?: string | undefined; options?: string[] | undefined; position?: number | undefined }) {
  const changes = {
    ...(v.label !== undefined && { label: v.label }),
    ...(v.options !== undefined && { options: JSON.stringify(v.options) }),
    ...(v.position !== undefined && { position: v.position }),
  };
  // An empty PATCH changes nothing (an UPDATE without SET is not SQL).
  if (Object.keys(changes).length === 0) return findCustomField(db, tenantId, id);
  return db
    .updateTable('custom_fields')
    .set(changes)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteCustomField(db: Db, tenantId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('custom_fields').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export function valuesOfTicket(db: Db, tenantId: string, ticketId: string) {
  return db
    .selectFrom('ticket_field_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .select(['f.key', 'v.value'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.ticket_id', '=', ticketId)
    .execute();
}

export async function upsertValues(db: Db, tenantId: string, ticketId: string, values: { fieldId: string; value: string | number | boolean | null }[]): Promise<void> {
  for (const v of values) {
    if (v.value === null || v.value === '') {
      await db.deleteFrom('ticket_field_values').where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('field_id', '=', v.fieldId).execute();
      continue;
    }
    const json = JSON.stringify(v.value);
    await db
      .insertInto('ticket_field_values')
      .values({ tenant_id: tenantId, ticket_id: ticketId, field_id: v.fieldId, value: json })
      .onConflict((oc) => oc.columns(['ticket_id', 'field_id']).doUpdateSet({ value: json }))
      .execute();
  }
}
