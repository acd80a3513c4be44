import type { Db } from '../db/db.ts';

export interface TenantRow {
  id: string;
  slug: string;
  name: string;
  default_language: string;
}

/** What the operator chose (`porta tenant default`): nothing yet (the first tenant), a tenant, or none. */
export type DefaultTenantChoice = { kind: 'first' } | { kind: 'none' } | { kind: 'tenant'; tenantId: string };

/**
 * The default tenant, in one query: the chosen one, else the first (oldest) tenant; undefined
 * when the operator chose none or no tenant exists yet.
 */
export function findDefaultTenant(db: Db): Promise<TenantRow | undefined> {
  return db
    .selectFrom('tenants as t')
    .leftJoin('default_tenant as d', (join) => join.onTrue())
    .select(['t.id', 't.slug', 't.name', 't.default_language'])
    .where((eb) => eb.or([eb('d.only_row', 'is', null), eb('d.tenant_id', '=', eb.ref('t.id'))]))
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(1)
    .executeTakeFirst();
}

export async function readDefaultTenantChoice(db: Db): Promise<DefaultTenantChoice> {
  const row = await db.selectFrom('default_tenant').select('tenant_id').executeTakeFirst();
  if (!row) return { kind: 'first' };
  return row.tenant_id === null ? { kind: 'none' } : { kind: 'tenant', tenantId: row.tenant_id };
}

/** Stores the choice: a tenant id, or null for none. */
export async function writeDefaultTenantChoice(db: Db, tenantId: string | null): Promise<void> {
  await db
    .insertInto('default_tenant')
    .values({ only_row: true, tenant_id: tenantId })
    .onConflict((oc) => oc.column('only_row').doUpdateSet({ tenant_id: tenantId, updated_at: new Date() }))
    .execute();
}

export function findTenantRowBySlug(db: Db, slug: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').select(['id', 'slug', 'name', 'default_language']).where('slug', '=', slug).executeTakeFirst();
}

export function findTenantRowById(db: Db, tenantId: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').select(['id', 'slug', 'name', 'default_language']).where('id', '=', tenantId).executeTakeFirst();
}

export async function countTenantRows(db: Db): Promise<number> {
  const row = await db.selectFrom('tenants').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
