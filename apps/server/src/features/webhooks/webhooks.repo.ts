import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import { fetchPage, pageWindow } from '../../platform/db/paging.ts';

const ENDPOINT_COLUMNS = ['id', 'url', 'description', 'event_types', 'enabled', 'created_at', 'updated_at'] as const;

export function listEndpoints(db: Db, tenantId: string) {
  return db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
}
export type EndpointRow = Awaited<ReturnType<typeof listEndpoints>>[number];

export function findEndpoint(db: Db, tenantId: string, id: string) {
  return db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function insertEndpoint(db: Db, tenantId: string, e: { url: string; description: string; eventTypes: string[]; enabled: boolean; secretEnc: string }): Promise<string> {
  const row = await db
    .insertInto('webhook_endpoints')
    .values({ tenant_id: tenantId, url: e.url, description: e.description, event_types: e.eventTypes, enabled: e.enabled, secret_enc: e.secretEnc })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEndpoint(db: Db, tenantId: string, id: string, set: { url?: string; description?: string; event_types?: string[]; enabled?: boolean }): Promise<boolean> {
  const r = await db
    .updateTable('webhook_endpoints')
    .set({ ...set, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function deleteEndpoint(db: Db, tenantId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('webhook_endpoints').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Enabled endpoints subscribed to an event type (the fan-out's one read per event). */
export function subscribedEndpoints(db: Db, tenantId: string, eventType: string) {
  return db
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('enabled', '=', true)
    .where(sql<boolean>`${eventType} = any(event_types)`)
    .execute();
}

/** A delivery and its outbox row (topic `webhook`), in the caller's transaction. */
export async function queueDelivery(db: Db, tenantId: string, d: { endpointId: string; messageId: string; eventType: string; body: string }): Promise<string> {
  const row = await db
    .insertInto('webhook_deliveries')
    .values({ tenant_id: tenantId, endpoint_id: d.endpointId, message_id: d.messageId, event_type: d.eventType, body: d.body })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('outbox').values({ tenant_id: tenantId, topic: 'webhook', payload: JSON.stringify({ deliveryId: row.id }) }).execute();
  return row.id;
}

const DELIVERY_COLUMNS = ['id', 'endpoint_id', 'message_id', 'event_type', 'status', 'attempts', 'response_status', 'last_error', 'created_at', 'last_attempt_at', 'delivered_at'] as const;

export function listDeliveries(db: Db, tenantId: string, endpointId: string, q: { status?: 'pending' | 'delivered' | 'dead' | undefined; page: number; pageSize: number }) {
  let base = db.selectFrom('webhook_deliveries').where('tenant_id', '=', tenantId).where('endpoint_id', '=', endpointId);
  if (q.status) base = base.where('status', '=', q.status);
  const page = base.select(DELIVERY_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').$call(pageWindow(q)).execute();
  return fetchPage(page, base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
}

export function findDelivery(db: Db, tenantId: string, endpointId: string, id: string) {
  return db.selectFrom('webhook_deliveries').select(DELIVERY_COLUMNS).where('tenant_id', '=', tenantId).where('endpoint_id', '=', endpointId).where('id', '=', id).executeTakeFirst();
}
export type DeliveryRow = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

/** "Send again": a finished delivery goes back to pending with a new outbox row; same id, same body. */
export async function requeueDelivery(db: Db, tenantId: string, endpointId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', delivered_at: null })
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', id)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) return false;
  await db.insertInto('outbox').values({ tenant_id: tenantId, topic: 'webhook', payload: JSON.stringify({ deliveryId: id }) }).execute();
  return true;
}

/** What the worker needs to send one delivery: its bytes and its endpoint. */
export function deliveryToSend(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', (j) => j.onRef('e.id', '=', 'd.endpoint_id').onRef('e.tenant_id', '=', 'd.tenant_id'))
    .select(['d.id', 'd.message_id', 'd.event_type', 'd.body', 'd.status', 'e.url', 'e.enabled', 'e.secret_enc'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function recordAttempt(
  db: Db,
  tenantId: string,
  id: string,
  a: { status?: 'delivered' | 'dead'; responseStatus: number | null; error: string | null },
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_attempt_at: now,
      response_status: a.responseStatus,
      last_error: a.error?.slice(0, 500) ?? null,
      ...(a.status && { status: a.status }),
      ...(a.status === 'delivered' && { delivered_at: now }),
    }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** The worker gave up on the delivery's outbox row (dead after its retries). */
export async function markDead(db: Db, tenantId: string, id: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ status: 'dead' }).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'pending').execute();
}
