import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import { resolveMailSettings, type StoredMailSettings } from './mail-settings.model.ts';

export async function readMailSettings(db: Db, tenantId: string): Promise<StoredMailSettings> {
  const row = await db.selectFrom('mail_settings').select('settings').where('tenant_id', '=', tenantId).executeTakeFirst();
  return resolveMailSettings(row?.settings);
}

/** Reads the settings row locked for update (the caller is in a transaction). */
export async function readMailSettingsForUpdate(db: Db, tenantId: string): Promise<StoredMailSettings> {
  const row = await db.selectFrom('mail_settings').select('settings').where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
  return resolveMailSettings(row?.settings);
}

export async function writeMailSettings(db: Db, tenantId: string, settings: StoredMailSettings): Promise<void> {
  const json = JSON.stringify(settings);
  await db
    .insertInto('mail_settings')
    .values({ tenant_id: tenantId, settings: json })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ settings: json, updated_at: sql`now()` }))
    .execute();
}

export async function listInboundAddresses(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('mail_inbound_addresses').select('address').where('tenant_id', '=', tenantId).orderBy('address').execute();
  return rows.map((r) => r.address);
}

export async function replaceInboundAddresses(db: Db, tenantId: string, addresses: string[]): Promise<void> {
  await db.deleteFrom('mail_inbound_addresses').where('tenant_id', '=', tenantId).execute();
  if (addresses.length > 0) await db.insertInto('mail_inbound_addresses').values(addresses.map((address) => ({ address, tenant_id: tenantId }))).execute();
}

/** Which tenant an extra inbound address belongs to (T-9). */
export async function tenantOfInboundAddress(db: Db, address: string): Promise<string | undefined> {
  const row = await db.selectFrom('mail_inbound_addresses').select('tenant_id').where('address', '=', address).executeTakeFirst();
  return row?.tenant_id;
}

export function findTenant(db: Db, tenantId: string) {
  return db.selectFrom('tenants').select(['id', 'slug', 'name', 'default_language']).where('id', '=', tenantId).executeTakeFirst();
}

/** Tenants with an IMAP mailbox configured (the poller's work list). */
export async function tenantsWithImap(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('mail_settings').select('tenant_id').where(sql<boolean>`settings->'imap' is not null and settings->>'imap' <> 'null'`).execute();
  return rows.map((r) => r.tenant_id);
}
