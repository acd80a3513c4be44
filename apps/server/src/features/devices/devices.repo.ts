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

export async function markSeen(db: Kysely<Database>, tenantId: string, id: string, online: boolean): Promise<void> {
  await db
    .updateTable('devices')
    .set({ online, last_seen_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function storeInventory(db: Kysely<Database>, tenantId: string, id: string, inventory: { hostname: string; os: string }): Promise<void> {
  await db
    .updateTable('devices')
    .set({ inventory: JSON.stringify(inventory), hostname: inventory.hostname, os: inventory.os, last_seen_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** A node starting up: the devices it held before a crash are no longer connected to it. Called with the ids a node held when it stops. */
export async function markOffline(db: Kysely<Database>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('devices').set({ online: false }).where('id', 'in', ids).execute();
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
