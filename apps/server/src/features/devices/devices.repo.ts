import type { Inventory } from '@porta/agent-protocol';
import type { DeviceListQuery } from '@porta/contracts/devices';
import { type Kysely, sql } from 'kysely';
import { fetchPage, likePattern, pageWindow } from '../../platform/db/paging.ts';
import type { Database } from '../../platform/db/schema.ts';

export interface DeviceRow {
  id: string;
  customer_id: string;
  customer_name: string;
  hostname: string;
  os: string;
  inventory: unknown;
  online: boolean;
  last_seen_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

const summary = ['d.id', 'd.customer_id', 'c.name as customer_name', 'd.hostname', 'd.os', 'd.inventory', 'd.online', 'd.last_seen_at', 'd.revoked_at', 'd.created_at'] as const;

export async function insertDevice(db: Kysely<Database>, tenantId: string, d: { customerId: string; publicKey: string; hostname: string; os: string; inventory: unknown }): Promise<{ id: string }> {
  return db
    .insertInto('devices')
    .values({ tenant_id: tenantId, customer_id: d.customerId, public_key: d.publicKey, hostname: d.hostname, os: d.os, inventory: JSON.stringify(d.inventory) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function listDevices(db: Kysely<Database>, tenantId: string, q: DeviceListQuery) {
  let base = db.selectFrom('devices as d').innerJoin('customers as c', 'c.id', 'd.customer_id').where('d.tenant_id', '=', tenantId);
  if (q.customerId) base = base.where('d.customer_id', '=', q.customerId);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => eb.or([eb('d.hostname', 'ilike', p), eb(sql<string>`d.inventory->>'loggedInUser'`, 'ilike', p), eb('c.name', 'ilike', p)]));
  }
  return fetchPage(
    base.select(summary).orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').$call(pageWindow(q)).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  );
}

export async function findDevice(db: Kysely<Database>, tenantId: string, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices as d').innerJoin('customers as c', 'c.id', 'd.customer_id').select(summary).where('d.tenant_id', '=', tenantId).where('d.id', '=', id).executeTakeFirst();
}

export async function deviceContacts(db: Kysely<Database>, tenantId: string, deviceId: string) {
  return db
    .selectFrom('device_contacts as dc')
    .innerJoin('contacts as ct', 'ct.id', 'dc.contact_id')
    .select(['ct.id', 'ct.first_name', 'ct.last_name', 'ct.email'])
    .where('dc.tenant_id', '=', tenantId)
    .where('dc.device_id', '=', deviceId)
    .orderBy('ct.last_name')
    .orderBy('ct.first_name')
    .execute();
}

/** How many of `contactIds` are contacts of `customerId` (a device is assigned within its customer only). */
export async function countCustomerContacts(db: Kysely<Database>, tenantId: string, customerId: string, contactIds: string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  const r = await db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('id', 'in', contactIds)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Replaces the device's contacts in one transaction. */
export async function setDeviceContacts(db: Kysely<Database>, tenantId: string, deviceId: string, contactIds: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('device_contacts').where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).execute();
    if (contactIds.length > 0) await trx.insertInto('device_contacts').values(contactIds.map((contactId) => ({ tenant_id: tenantId, device_id: deviceId, contact_id: contactId }))).execute();
  });
}

export async function revokeDevice(db: Kysely<Database>, tenantId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('devices')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())`, online: false })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** What the gateway needs to check a hello: the key, and whether the device was revoked. */
export async function findDeviceKey(db: Kysely<Database>, tenantId: string, id: string) {
  return db.selectFrom('devices').select(['id', 'public_key', 'revoked_at', 'customer_id']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** One device's connection state as a gateway node saw it at `at` (and its last inventory, when one came). */
export interface PresenceWrite {
  tenantId: string;
  id: string;
  online: boolean;
  at: Date;
  inventory?: Inventory | undefined;
}

/**
 * Issue 12: many devices' presence (and inventories) in one statement, for the gateway's
 * batched writes. The latest event wins: `online` changes only when `at` is not older than the
 * stored `last_seen_at`, so a node flushing a disconnect late cannot mark offline a device that
 * has since connected to another node. Revoked devices are left alone.
 */
export async function writePresence(db: Kysely<Database>, rows: PresenceWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update devices d set
      online = case when d.last_seen_at is null or v.at >= d.last_seen_at then v.online else d.online end,
      last_seen_at = greatest(d.last_seen_at, v.at),
      inventory = coalesce(v.inventory, d.inventory),
      hostname = coalesce(v.hostname, d.hostname),
      os = coalesce(v.os, d.os)
    from unnest(${rows.map((r) => r.tenantId)}::uuid[], ${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.online)}::boolean[], ${rows.map((r) => r.at.toISOString())}::timestamptz[],
                ${rows.map((r) => (r.inventory ? JSON.stringify(r.inventory) : null))}::jsonb[], ${rows.map((r) => r.inventory?.hostname ?? null)}::text[], ${rows.map((r) => r.inventory?.os ?? null)}::text[])
      as v(tenant_id, id, online, at, inventory, hostname, os)
    where d.tenant_id = v.tenant_id and d.id = v.id and d.revoked_at is null
  `.execute(db);
}

/** The portal's "My devices" (SS-2): devices assigned to the contact, not revoked. */
export async function listContactDevices(db: Kysely<Database>, tenantId: string, contactId: string) {
  return db
    .selectFrom('device_contacts as dc')
    .innerJoin('devices as d', 'd.id', 'dc.device_id')
    .select(['d.id', 'd.hostname', 'd.os', 'd.inventory', 'd.online', 'd.last_seen_at'])
    .where('dc.tenant_id', '=', tenantId)
    .where('dc.contact_id', '=', contactId)
    .where('d.revoked_at', 'is', null)
    .orderBy('d.hostname')
    .limit(200)
    .execute();
}
