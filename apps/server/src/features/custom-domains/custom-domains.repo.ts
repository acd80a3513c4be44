import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import type { TenantDomainsTable } from '../../platform/db/schema.ts';

export type DomainRow = Selectable<TenantDomainsTable>;
export type DomainCheckPatch = Partial<Pick<DomainRow, 'state' | 'failure_reason' | 'failures' | 'checked_at' | 'verified_at'>>;

/** A tenant's live (not removed) domains, oldest first. */
export function listDomains(db: Db, tenantId: string): Promise<DomainRow[]> {
  return db.selectFrom('tenant_domains').selectAll().where('tenant_id', '=', tenantId).where('state', '<>', 'removed').orderBy('created_at').orderBy('name').execute();
}

export function findDomain(db: Db, tenantId: string, id: string): Promise<DomainRow | undefined> {
  return db.selectFrom('tenant_domains').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('state', '<>', 'removed').executeTakeFirst();
}

export function insertDomain(db: Db, tenantId: string, name: string): Promise<DomainRow> {
  return db.insertInto('tenant_domains').values({ tenant_id: tenantId, name }).returningAll().executeTakeFirstOrThrow();
}

export function updateDomain(db: Db, tenantId: string, id: string, patch: DomainCheckPatch): Promise<DomainRow | undefined> {
  return db.updateTable('tenant_domains').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).where('state', '<>', 'removed').returningAll().executeTakeFirst();
}

/** Keeps the row as a tombstone: the host keeps answering the neutral page, and the name is free to claim again. */
export function markRemoved(db: Db, tenantId: string, id: string): Promise<DomainRow | undefined> {
  return db
    .updateTable('tenant_domains')
    .set({ state: 'removed', failure_reason: null, failures: 0 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('state', '<>', 'removed')
    .returningAll()
    .executeTakeFirst();
}

/** Who holds a live claim on this name: this tenant, another one, or nobody. */
export async function liveClaimOf(db: Db, tenantId: string, name: string): Promise<'own' | 'other' | null> {
  const row = await db.selectFrom('tenant_domains').select('tenant_id').where('name', '=', name).where('state', '<>', 'removed').executeTakeFirst();
  if (!row) return null;
  return row.tenant_id === tenantId ? 'own' : 'other';
}

/** Platform-wide (TLS, the periodic re-check): every verified domain with its tenant. */
export function listVerifiedDomains(db: Db): Promise<{ tenantId: string; name: string }[]> {
  return db.selectFrom('tenant_domains').select(['tenant_id as tenantId', 'name']).where('state', '=', 'verified').orderBy('name').execute();
}

/** Platform-wide: every live domain, for the periodic re-check. */
export function listLiveDomains(db: Db): Promise<DomainRow[]> {
  return db.selectFrom('tenant_domains').selectAll().where('state', '<>', 'removed').orderBy('checked_at').execute();
}

/**
 * Platform-wide, per host name (lower case): the tenant a verified domain routes to, and whether
 * the name is claimed or was claimed at all (pending, failed, removed), which withholds it.
 */
export async function hostClaim(db: Db, name: string): Promise<{ tenantId: string | null; claimed: boolean }> {
  const rows = await db.selectFrom('tenant_domains').select(['tenant_id', 'state']).where('name', '=', name).execute();
  const verified = rows.find((r) => r.state === 'verified');
  return { tenantId: verified?.tenant_id ?? null, claimed: rows.length > 0 };
}

