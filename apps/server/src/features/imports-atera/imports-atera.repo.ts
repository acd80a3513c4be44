import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import type { AteraImportJobsTable, AteraImportMapTable } from '../../platform/db/schema.ts';

export type JobRow = Selectable<AteraImportJobsTable>;
export type MapKind = AteraImportMapTable['kind'];

export function insertJob(db: Db, tenantId: string, v: { baseUrl: string; apiKeyEnc: string; startedBy: string | null }) {
  return db
    .insertInto('atera_import_jobs')
    .values({ tenant_id: tenantId, status: 'running', base_url: v.baseUrl, api_key_enc: v.apiKeyEnc, phase: 'customers', started_by: v.startedBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The tenant's most recent job. */
export function latestJob(db: Db, tenantId: string) {
  return db.selectFrom('atera_import_jobs').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').orderBy('id').limit(1).executeTakeFirst();
}

/** The job, locked to the caller's transaction (steps, resume and cancel serialise on it). */
export function lockJob(db: Db, tenantId: string, id: string) {
  return db.selectFrom('atera_import_jobs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findJob(db: Db, tenantId: string, id: string) {
  return db.selectFrom('atera_import_jobs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function updateJob(db: Db, tenantId: string, id: string, v: Updateable<AteraImportJobsTable>): Promise<void> {
  await db
    .updateTable('atera_import_jobs')
    .set({ ...v, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Atera id → Porta id for those of `externalIds` already imported. */
export async function mapped(db: Db, tenantId: string, kind: MapKind, externalIds: string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('atera_import_map')
    .select(['external_id', 'porta_id'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .where('external_id', 'in', [...new Set(externalIds)])
    .execute();
  return new Map(rows.map((r) => [r.external_id, r.porta_id]));
}

export async function remember(db: Db, tenantId: string, kind: MapKind, externalId: string, portaId: string): Promise<void> {
  await db.insertInto('atera_import_map').values({ tenant_id: tenantId, kind, external_id: externalId, porta_id: portaId }).execute();
}

/** The imported Atera ticket after `after` (text order of Atera ids), whose comments are read next. */
export function nextImportedTicket(db: Db, tenantId: string, after: string | null) {
  let q = db.selectFrom('atera_import_map').select(['external_id', 'porta_id']).where('tenant_id', '=', tenantId).where('kind', '=', 'ticket');
  if (after !== null) q = q.where('external_id', '>', after);
  return q.orderBy('external_id').limit(1).executeTakeFirst();
}

/** Contacts of the tenant by lower-cased e-mail. */
export async function contactsByEmail(db: Db, tenantId: string, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await db.selectFrom('contacts').select(['id', 'email']).where('tenant_id', '=', tenantId).where('email', 'in', [...new Set(emails)]).execute();
  return new Map(rows.map((r) => [r.email, r.id]));
}
