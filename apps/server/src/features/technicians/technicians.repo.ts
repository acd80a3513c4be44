import type { Db } from '../../platform/db/db.ts';
import { sql, type Updateable } from 'kysely';
import type { PageQuery } from '@porta/contracts/common';
import { fetchPage, likePattern, pageWindow } from '../../platform/db/paging.ts';
import type { TechniciansTable } from '../../platform/db/schema.ts';

export function findTechnician(db: Db, tenantId: string, id: string) {
  return db.selectFrom('technicians').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function findTechnicianByEmail(db: Db, tenantId: string, email: string) {
  return db.selectFrom('technicians').selectAll().where('tenant_id', '=', tenantId).where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function listTechnicians(db: Db, tenantId: string, q: PageQuery) {
  let base = db.selectFrom('technicians').where('tenant_id', '=', tenantId);
  if (q.q) {
    const like = likePattern(q.q);
    base = base.where((eb) => eb.or([eb('name', 'ilike', like), eb('email', 'ilike', like)]));
  }
  return fetchPage(
    base.selectAll().orderBy(sql`lower(name)`).orderBy('id').$call(pageWindow(q)).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}

/** Every technician's id and name, by name: what a contact may pick as assignee when the portal lets them (T-6). */
export function listTechnicianRefs(db: Db, tenantId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('technicians').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy(sql`lower(name)`).orderBy('id').execute();
}

export function insertTechnician(
  db: Db,
  tenantId: string,
  values: { name: string; email: string; passwordHash: string; isAdmin: boolean; language: string },
) {
  return db
    .insertInto('technicians')
    .values({
      tenant_id: tenantId,
      name: values.name,
      email: values.email.toLowerCase(),
      password_hash: values.passwordHash,
      is_admin: values.isAdmin,
      language: values.language,
      totp_secret_enc: null,
      totp_pending_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateTechnician(db: Db, tenantId: string, id: string, values: Updateable<TechniciansTable>) {
  return db
    .updateTable('technicians')
    .set({ ...values, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTechnician(db: Db, tenantId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('technicians').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function countAdmins(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('technicians')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('is_admin', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
