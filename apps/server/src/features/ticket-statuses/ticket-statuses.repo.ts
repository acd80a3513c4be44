import type { Db } from '../../platform/db/db.ts';
import type { Updateable } from 'kysely';
import type { TicketStatusesTable } from '../../platform/db/schema.ts';

/** T-3: every tenant starts with Open and Pending (open-like), Resolved and Closed (closed-like). */
export const DEFAULT_STATUSES = [
  { key: 'open', category: 'open', position: 0 },
  { key: 'pending', category: 'open', position: 1 },
  { key: 'resolved', category: 'closed', position: 2 },
  { key: 'closed', category: 'closed', position: 3 },
] as const;

export async function insertDefaultStatuses(db: Db, tenantId: string): Promise<void> {
  await db
    .insertInto('ticket_statuses')
    .values(DEFAULT_STATUSES.map((s) => ({ tenant_id: tenantId, key: s.key, category: s.category, position: s.position, is_default: true, name: null })))
    .execute();
}

export function listStatuses(db: Db, tenantId: string) {
  return db.selectFrom('ticket_statuses').selectAll().where('tenant_id', '=', tenantId).orderBy('position').orderBy('key').execute();
}

export type StatusRow = Awaited<ReturnType<typeof listStatuses>>[number];

export function findStatusByKey(db: Db, tenantId: string, key: string) {
  return db.selectFrom('ticket_statuses').selectAll().where('tenant_id', '=', tenantId).where('key', '=', key).executeTakeFirst();
}

export function findStatus(db: Db, tenantId: string, id: string) {
  return db.selectFrom('ticket_statuses').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function insertStatus(db: Db, tenantId: string, v: { key: string; name: string; category: 'open' | 'closed'; position: number }) {
  return db
    .insertInto('ticket_statuses')
    .values({ tenant_id: tenantId, key: v.key, name: v.name, category: v.category, position: v.position, is_default: false })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateStatus(db: Db, tenantId: string, id: string, v: Updateable<TicketStatusesTable>) {
  // An empty PATCH changes nothing (an UPDATE without SET is not SQL).
  if (Object.keys(v).length === 0) return findStatus(db, tenantId, id);
  return db.updateTable('ticket_statuses').set(v).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteStatus(db: Db, tenantId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('ticket_statuses').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
