import type { Db } from '../../platform/db/db.ts';
import { sql } from 'kysely';

export async function readStoredSettings(db: Db, tenantId: string): Promise<unknown> {
  const row = await db.selectFrom('portal_settings').select('settings').where('tenant_id', '=', tenantId).executeTakeFirst();
  return row?.settings ?? null;
}

export async function writeSettings(db: Db, tenantId: string, settings: unknown): Promise<void> {
  const json = JSON.stringify(settings);
  await db
    .insertInto('portal_settings')
    .values({ tenant_id: tenantId, settings: json })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ settings: json, updated_at: sql`now()` }))
    .execute();
}
