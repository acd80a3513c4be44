import type { Db } from '../../platform/db/db.ts';

export function insertTenant(db: Db, values: { slug: string; name: string; defaultLanguage: string }) {
  return db
    .insertInto('tenants')
    .values({ slug: values.slug, name: values.name, default_language: values.defaultLanguage })
    .returning(['id', 'slug', 'name', 'default_language', 'require_totp'])
    .executeTakeFirstOrThrow();
}

export async function countTenants(db: Db): Promise<number> {
  const row = await db.selectFrom('tenants').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findTenant(db: Db, tenantId: string) {
  return db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
}

export function findTenantBySlug(db: Db, slug: string) {
  return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function updateTenantSecurity(db: Db, tenantId: string, requireTotp: boolean) {
  return db.updateTable('tenants').set({ require_totp: requireTotp }).where('id', '=', tenantId).returning(['require_totp']).executeTakeFirstOrThrow();
}
