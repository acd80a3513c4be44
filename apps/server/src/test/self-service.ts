import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Inventory } from '@porta/agent-protocol';
import type { AppContext } from '../platform/context.ts';
import { type Client, signInContact, signInTechnician } from './client.ts';
import { inventory, makeDevice } from './devices.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from './factories.ts';
import type { TestApp } from './harness.ts';
import { drainOutbox } from './mail.ts';

/** Turns the portal's Self-service section off, on for all, or on for some customers (SS-3). */
export async function setSelfServiceSection(admin: Client, mode: 'off' | 'all' | 'selected', customerIds: string[] = []): Promise<void> {
  const res = await admin.patch('/api/v1/settings/portal', { sections: { selfService: { mode, customerIds } } });
  if (res.statusCode !== 200) throw new Error(`portal settings not saved: ${res.statusCode} ${res.body}`);
}

/** Delivers queued SMS (through the outbox worker) and answers the newest SMS text sent to `to` as the console outbox shows it. */
export async function lastSmsTo(ctx: AppContext, admin: Client, tenantId: string, to: string): Promise<string> {
  await drainOutbox(ctx, [tenantId]);
  const res = await admin.get(`/api/v1/sms-outbox?q=${encodeURIComponent(to)}`);
  const body = res.json<{ items: { body: string; to: string }[] }>();
  const first = body.items.find((m) => m.to === to);
  if (!first) throw new Error(`no SMS to ${to}`);
  return first.body;
}

export function codeIn(text: string): string {
  const m = /\b(\d{6})\b/.exec(text);
  if (!m?.[1]) throw new Error(`no code in "${text}"`);
  return m[1];
}

/** Moves a contact's codes back in time (expiry and hourly caps without waiting). */
export async function ageCodes(ctx: AppContext, tenantId: string, contactId: string, ms: number): Promise<void> {
  await sql`update sms_codes set created_at = created_at - make_interval(secs => ${ms / 1000}), expires_at = expires_at - make_interval(secs => ${ms / 1000}) where tenant_id = ${tenantId} and contact_id = ${contactId}`.execute(ctx.db);
}

/** A tenant ("Acme IT") with the Self-service section on for all, its signed-in admin and one customer. */
export interface SelfServiceWorld {
  t: TestApp;
  fx: TenantFixture;
  admin: Client;
  customerId: string;
  /** Phone numbers are `phonePrefix` + a counter: caps are per number, so each test file keeps its own prefix. */
  phonePrefix: string;
  seq: number;
}

export interface PortalPerson {
  id: string;
  client: Client;
  phone: string;
}

export async function selfServiceWorld(t: TestApp, phonePrefix: string): Promise<SelfServiceWorld> {
  const fx = await makeTenant(t.ctx, { name: 'Acme IT' });
  const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
  const customerId = (await makeCustomer(t.ctx, fx.tenant.id)).id;
  await setSelfServiceSection(admin, 'all');
  return { t, fx, admin, customerId, phonePrefix, seq: 0 };
}

/** A phone number no one in this world has used yet. */
export function freshPhone(w: SelfServiceWorld): string {
  w.seq += 1;
  return `${w.phonePrefix}${String(10000 + w.seq).slice(-5)}`;
}

/** A signed-in contact of the world's customer (or `customer`), with a fresh phone number not yet verified. */
export async function portalPerson(w: SelfServiceWorld, opts: { language?: 'en' | 'it'; isPrimary?: boolean; customer?: string } = {}): Promise<PortalPerson> {
  const c = await makeContact(w.t.ctx, w.fx.tenant.id, opts.customer ?? w.customerId, { language: opts.language ?? 'en', isPrimary: opts.isPrimary ?? false });
  return { id: c.id, client: await signInContact(w.t.app, w.fx.host, c.username, c.password), phone: freshPhone(w) };
}

/** Verifies the person's phone with the code the SMS outbox holds (SS-6). */
export async function verifyPhone(w: SelfServiceWorld, p: PortalPerson): Promise<void> {
  expect((await p.client.post('/api/v1/portal/phone', { phone: p.phone })).statusCode).toBe(200);
  const code = codeIn(await lastSmsTo(w.t.ctx, w.admin, w.fx.tenant.id, p.phone));
  expect((await p.client.post('/api/v1/portal/phone/verify', { code })).json()).toEqual({ phone: p.phone, verified: true });
}

/** A device of the world's customer (or `customer`) assigned to the person; answers its id. */
export async function assignedDevice(w: SelfServiceWorld, p: PortalPerson, inv: Inventory = inventory({ os: 'windows', loggedInUser: 'mario' }), customer = w.customerId): Promise<string> {
  const d = await makeDevice(w.t.ctx, w.fx.tenant.id, customer, inv);
  await w.t.ctx.db.insertInto('device_contacts').values({ tenant_id: w.fx.tenant.id, device_id: d.id, contact_id: p.id }).execute();
  return d.id;
}
