import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';

/** Which first-run steps the tenant's data shows done, in one round trip. */
export function readProgress(db: Db, tenantId: string) {
  return db
    .selectFrom('tenants as t')
    .where('t.id', '=', tenantId)
    .select((eb) => [
      eb.exists(eb.selectFrom('customers').select(sql`1`.as('x')).where('tenant_id', '=', tenantId)).as('customer'),
      eb.exists(eb.selectFrom('contacts').select(sql`1`.as('x')).where('tenant_id', '=', tenantId)).as('contact'),
      eb.exists(eb.selectFrom('kb_articles').select(sql`1`.as('x')).where('tenant_id', '=', tenantId).where('status', '=', 'published')).as('kbArticle'),
      eb('t.portal_address_shared_at', 'is not', null).as('portalAddress'),
    ])
    .executeTakeFirst();
}

export async function markPortalAddressShared(db: Db, tenantId: string): Promise<void> {
  await db.updateTable('tenants').set({ portal_address_shared_at: new Date() }).where('id', '=', tenantId).where('portal_address_shared_at', 'is', null).execute();
}
