import type { Db } from '../../platform/db/db.ts';

/** The device if it is assigned to the contact and not revoked (else undefined: the caller answers 404). */
export function assignedDevice(db: Db, tenantId: string, contactId: string, deviceId: string) {
  return db
    .selectFrom('device_contacts as dc')
    .innerJoin('devices as d', 'd.id', 'dc.device_id')
    .select(['d.id', 'd.hostname', 'd.os', 'd.inventory', 'd.customer_id'])
    .where('dc.tenant_id', '=', tenantId)
    .where('dc.contact_id', '=', contactId)
    .where('dc.device_id', '=', deviceId)
    .where('d.revoked_at', 'is', null)
    .executeTakeFirst();
}

const REQUEST_COLUMNS = ['r.id', 'r.contact_id', 'r.customer_id', 'r.device_id', 'r.action', 'r.package_id', 'r.status', 'r.code_id', 'r.command_id', 'r.created_at', 'r.confirmed_at', 'r.policy', 'r.expires_at', 'r.decided_by', 'r.decided_at', 'r.decision_reason', 'c.first_name', 'c.last_name'] as const;

/**
 * A request the contact may see: their own, or (primary contacts) any of their company's.
 * Anything else is undefined (404).
 */
export function findVisibleRequest(db: Db, tenantId: string, viewer: { id: string; customerId: string; isPrimary: boolean }, id: string) {
  let q = db.selectFrom('self_service_requests as r').innerJoin('contacts as c', 'c.id', 'r.contact_id').select(REQUEST_COLUMNS).where('r.tenant_id', '=', tenantId).where('r.id', '=', id);
  q = viewer.isPrimary ? q.where('r.customer_id', '=', viewer.customerId) : q.where('r.contact_id', '=', viewer.id);
  return q.executeTakeFirst();
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findVisibleRequest>>>;

export function listVisibleRequests(db: Db, tenantId: string, viewer: { id: string; customerId: string; isPrimary: boolean }, limit = 50) {
  let q = db.selectFrom('self_service_requests as r').innerJoin('contacts as c', 'c.id', 'r.contact_id').select(REQUEST_COLUMNS).where('r.tenant_id', '=', tenantId);
  q = viewer.isPrimary ? q.where('r.customer_id', '=', viewer.customerId) : q.where('r.contact_id', '=', viewer.id);
  return q.orderBy('r.created_at', 'desc').limit(limit).execute();
}

/** Issue 13 item 5: the company's requests waiting for a primary contact's approval, oldest first. */
export function listPendingRequests(db: Db, tenantId: string, customerId: string, limit = 100) {
  return db
    .selectFrom('self_service_requests as r')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .select(REQUEST_COLUMNS)
    .where('r.tenant_id', '=', tenantId)
    .where('r.customer_id', '=', customerId)
    .where('r.status', '=', 'awaiting-approval')
    .orderBy('r.created_at', 'asc')
    .limit(limit)
    .execute();
}

/** Device hostnames and deciders' names for a page of requests (one query each). */
export async function namesOf(db: Db, tenantId: string, rows: { device_id: string; decided_by: string | null }[]): Promise<{ devices: Map<string, string>; contacts: Map<string, string> }> {
  const deviceIds = [...new Set(rows.map((r) => r.device_id))];
  const contactIds = [...new Set(rows.map((r) => r.decided_by).filter((x): x is string => x !== null))];
  const devices = deviceIds.length ? await db.selectFrom('devices').select(['id', 'hostname']).where('tenant_id', '=', tenantId).where('id', 'in', deviceIds).execute() : [];
  const contacts = contactIds.length ? await db.selectFrom('contacts').select(['id', 'first_name', 'last_name']).where('tenant_id', '=', tenantId).where('id', 'in', contactIds).execute() : [];
  return { devices: new Map(devices.map((d) => [d.id, d.hostname])), contacts: new Map(contacts.map((c) => [c.id, `${c.first_name} ${c.last_name}`.trim()])) };
}
