import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../platform/context.ts';
import { isPrivateAddress } from '../../platform/net/outbound-guard.ts';
import { readDeliveries } from '../../platform/metrics/deliveries.ts';
import { expectError } from '../../test/assertions.ts';
import { type Client, signInTechnician } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { makeDevice } from '../../test/devices.ts';
import { createTestApp, useTestApp } from '../../test/harness.ts';
import { openTicket } from '../../test/tickets.ts';
import { startHookReceiver, verifyStandardWebhook } from '../../test/webhook-receiver.ts';
import { addComment } from '../tickets/tickets.service.ts';
import { findTicket } from '../tickets/tickets.repo.ts';
import { insertCommand, transition } from '../agent-commands/commands.repo.ts';
import { recordAgentReport } from '../agent-commands/commands.service.ts';
import { OutboxWorker } from '../mail/outbox-worker.ts';
import { pruneOutbox } from '../mail/outbox-maintenance.ts';
import { silentLog } from '../mail/worker-log.ts';
import { encrypt } from '../../platform/crypto/keys.ts';

const t = useTestApp();
let hooks: Awaited<ReturnType<typeof startHookReceiver>>;

beforeAll(async () => {
  hooks = await startHookReceiver();
});
afterAll(async () => {
  await hooks.close();
});

/** The worker as the server runs it, with retries due at once (no backoff wait) and three attempts. */
function drain(tenantId: string, over: Partial<AppContext['config']> = {}, maxAttempts = 3): Promise<void> {
  const ctx: AppContext = { ...t.ctx, config: { ...t.ctx.config, ...over, mail: { ...t.ctx.config.mail, retryBaseMs: 0, maxAttempts } } };
  return new OutboxWorker(ctx, silentLog, { onlyTenants: [tenantId] }).drain();
}

interface World {
  fx: TenantFixture;
  admin: Client;
  customerId: string;
}

async function world(): Promise<World> {
  const fx = await makeTenant(t.ctx);
  const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  return { fx, admin, customerId: customer.id };
}

interface Created {
  endpoint: { id: string; url: string; eventTypes: string[]; enabled: boolean };
  secret: string;
}

async function createEndpoint(admin: Client, body: Record<string, unknown>): Promise<Created> {
  const res = await admin.post('/api/v1/webhooks', { url: hooks.url, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Created>();
}


async function deliveriesOf(tenantId: string, endpointId: string) {
  return t.ctx.db.selectFrom('webhook_deliveries').selectAll().where('tenant_id', '=', tenantId).where('endpoint_id', '=', endpointId).orderBy('created_at').execute();
}

describe('webhook endpoints (issue 15 item 1)', () => {
  it('creates an endpoint with a Standard Webhooks secret shown once and kept sealed', async () => {
    const w = await world();
    const { endpoint, secret } = await createEndpoint(w.admin, { eventTypes: ['ticket.created', 'contact.created'], description: 'CRM' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(endpoint).toMatchObject({ url: hooks.url, eventTypes: ['ticket.created', 'contact.created'], enabled: true });
    const row = await t.ctx.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(secret.slice(6));
    for (const res of [await w.admin.get('/api/v1/webhooks'), await w.admin.get(`/api/v1/webhooks/${endpoint.id}`)]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(secret.slice(6, 20));
      expect(res.body).not.toContain('secret');
    }
    expect((await w.admin.get('/api/v1/webhooks')).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const w = await world();
    for (const body of [{ url: 'ftp://example.com/x', eventTypes: ['ticket.created'] }, { url: hooks.url, eventTypes: [] }, { url: hooks.url, eventTypes: ['ticket.deleted'] }, { url: 'not a url', eventTypes: ['ticket.created'] }]) {
      expectError(await w.admin.post('/api/v1/webhooks', body), 400, 'VALIDATION_FAILED');
    }
    expectError(await w.admin.patch(`/api/v1/webhooks/${randomUUID()}`, { enabled: false }), 404, 'WEBHOOK_NOT_FOUND');
    expect(await t.ctx.db.selectFrom('webhook_endpoints').select('id').where('tenant_id', '=', w.fx.tenant.id).execute()).toEqual([]);
  });

  it('without PORTA_ALLOW_PRIVATE_TARGETS: http:// and private, loopback, link-local and metadata addresses are refused', async () => {
    const prod = await createTestApp({ env: { PORTA_OUTBOUND_ALLOW_PRIVATE: 'false' } });
    try {
      const fx = await makeTenant(prod.ctx);
      const admin = await signInTechnician(prod.app, fx.host, fx.admin.email, fx.admin.password);
      for (const url of ['http://example.com/hook', 'https://127.0.0.1/hook', 'https://[::ffff:127.0.0.1]/hook', 'https://169.254.169.254/latest', 'https://10.0.0.1/hook', 'https://[::1]/hook', 'https://localhost/hook']) {
        expectError(await admin.post('/api/v1/webhooks', { url, eventTypes: ['ticket.created'] }), 400, 'OUTBOUND_URL_REFUSED');
      }
      const ok = await admin.post('/api/v1/webhooks', { url: 'https://hooks.example.com/porta', eventTypes: ['ticket.created'] });
      expect(ok.statusCode).toBe(201);
      const id = ok.json<Created>().endpoint.id;
      expectError(await admin.patch(`/api/v1/webhooks/${id}`, { url: 'https://10.0.0.1/x' }), 400, 'OUTBOUND_URL_REFUSED');
    } finally {
      await prod.close();
    }
  });

  it('another tenant’s admin gets 404 for every endpoint route, and the endpoint is unchanged', async () => {
    const w = await world();
    const outsider = await world();
    const { endpoint } = await createEndpoint(w.admin, { eventTypes: ['ticket.created'] });
    const test = (await w.admin.post(`/api/v1/webhooks/${endpoint.id}/test`, {})).json<{ id: string }>();
    await drain(w.fx.tenant.id);
    const before = await t.ctx.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    const deliveriesBefore = await deliveriesOf(w.fx.tenant.id, endpoint.id);
    const o = outsider.admin;
    expectError(await o.get(`/api/v1/webhooks/${endpoint.id}`), 404, 'WEBHOOK_NOT_FOUND');
    expectError(await o.patch(`/api/v1/webhooks/${endpoint.id}`, { enabled: false, url: 'https://evil.example.com/' }), 404, 'WEBHOOK_NOT_FOUND');
    expectError(await o.delete(`/api/v1/webhooks/${endpoint.id}`), 404, 'WEBHOOK_NOT_FOUND');
    expectError(await o.get(`/api/v1/webhooks/${endpoint.id}/deliveries`), 404, 'WEBHOOK_NOT_FOUND');
    expectError(await o.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${test.id}/redeliver`, {}), 404, 'WEBHOOK_NOT_FOUND');
    expectError(await o.post(`/api/v1/webhooks/${endpoint.id}/test`, {}), 404, 'WEBHOOK_NOT_FOUND');
    expect((await o.get('/api/v1/webhooks')).json<{ items: unknown[] }>().items).toEqual([]);
    // The outsider's own endpoint does not open the other tenant's deliveries either.
    const own = await createEndpoint(o, { eventTypes: ['ticket.created'] });
    expectError(await o.post(`/api/v1/webhooks/${own.endpoint.id}/deliveries/${test.id}/redeliver`, {}), 404, 'WEBHOOK_DELIVERY_NOT_FOUND');
    expect(await t.ctx.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await deliveriesOf(w.fx.tenant.id, endpoint.id)).toEqual(deliveriesBefore);
  });
});

describe('webhook deliveries', () => {
  it('each subscribed event reaches the endpoint signed (Standard Webhooks), with the API’s view of the object', async () => {
    const w = await world();
    const tag = randomUUID();
    const path = `/hooks/${tag}`;
    const { endpoint, secret } = await createEndpoint(w.admin, { url: `${hooks.url}/${tag}`, eventTypes: ['ticket.created', 'ticket.updated', 'ticket.commented', 'ticket.status_changed', 'contact.created', 'device_action.finished'] });
    const other = await createEndpoint(w.admin, { eventTypes: ['contact.created'] });
    const off = await createEndpoint(w.admin, { eventTypes: ['ticket.created'], enabled: false });
    const start = hooks.received.length;

    const contact = await makeContact(t.ctx, w.fx.tenant.id, w.customerId);
    const ticketId = await openTicket(t.ctx, w.fx.tenant.id, contact.id, { subject: 'Webhook printer' });
    expect((await w.admin.patch(`/api/v1/tickets/${ticketId}`, { priority: 'high' })).statusCode).toBe(200);
    expect((await w.admin.patch(`/api/v1/tickets/${ticketId}`, { status: 'pending' })).statusCode).toBe(200);
    const ticket = await findTicket(t.ctx.db, w.fx.tenant.id, ticketId);
    const commentId = await addComment(t.ctx, w.fx.tenant.id, ticket!, { body: 'A public reply', internal: false, contactId: null, technicianId: w.fx.admin.id });
    await addComment(t.ctx, w.fx.tenant.id, ticket!, { body: 'An internal note', internal: true, contactId: null, technicianId: w.fx.admin.id });
    const device = await makeDevice(t.ctx, w.fx.tenant.id, w.customerId);
    const commandId = randomUUID();
    await insertCommand(t.ctx.db, w.fx.tenant.id, { id: commandId, deviceId: device.id, action: 'restart', paramsPublic: {}, nonce: randomUUID(), verificationId: randomUUID(), requestedByContactId: null, requestedByTechnicianId: w.fx.admin.id, signedEnc: 'x', issuedAt: new Date(), expiresAt: new Date(Date.now() + 60_000) });
    await transition(t.ctx.db, w.fx.tenant.id, commandId, { from: ['queued'], to: 'sent' });
    expect(await recordAgentReport(t.ctx, w.fx.tenant.id, device.id, { commandId, status: 'succeeded', detail: 'rebooted' })).toBe(true);
    await drain(w.fx.tenant.id);

    const got = hooks.received.slice(start).filter((h) => h.path === path);
    const events = got.map((h) => JSON.parse(h.raw) as { type: string; timestamp: string; data: Record<string, Record<string, unknown>> });
    expect(events.map((e) => e.type).sort()).toEqual(['contact.created', 'device_action.finished', 'ticket.commented', 'ticket.created', 'ticket.status_changed', 'ticket.updated']);
    for (const h of got) {
      expect(verifyStandardWebhook(secret, h)).toBe(true);
      expect(verifyStandardWebhook(other.secret, h)).toBe(false);
      expect(h.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(h.headers['content-type']).toBe('application/json');
    }
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(byType['ticket.created']?.data.ticket).toMatchObject({ id: ticketId, subject: 'Webhook printer', requester: { id: contact.id } });
    expect(byType['ticket.updated']?.data.ticket).toMatchObject({ id: ticketId, priority: 'high' });
    expect(byType['ticket.status_changed']?.data).toMatchObject({ from: 'open', to: 'pending' });
    expect(byType['ticket.commented']?.data.comment).toMatchObject({ id: commentId, body: 'A public reply', internal: false });
    expect(JSON.stringify(events)).not.toContain('An internal note');
    expect(byType['device_action.finished']?.data).toMatchObject({ deviceId: device.id, command: { id: commandId, status: 'succeeded', resultDetail: 'rebooted' } });
    // The contact as the admin API shows it: the same keys, no password (not even the initial one the console may show) or sealed column.
    const apiContact = (await w.admin.get(`/api/v1/contacts/${contact.id}`)).json<{ contact: Record<string, unknown> }>().contact;
    const hooked = byType['contact.created']?.data.contact ?? {};
    expect(Object.keys(hooked).sort()).toEqual(Object.keys(apiContact).sort());
    expect(JSON.stringify(events)).not.toContain(contact.password);
    expect(JSON.stringify(events)).not.toMatch(/_enc|password_hash|initial_password/);

    // The second endpoint got only its one event; the disabled one nothing.
    expect((await deliveriesOf(w.fx.tenant.id, other.endpoint.id)).map((d) => d.event_type)).toEqual(['contact.created']);
    expect(await deliveriesOf(w.fx.tenant.id, off.endpoint.id)).toEqual([]);

    const log = (await w.admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries?pageSize=2`)).json<{ items: { status: string; responseStatus: number; attempts: number }[]; total: number }>();
    expect(log.total).toBe(6);
    expect(log.items).toHaveLength(2);
    for (const d of log.items) expect(d).toMatchObject({ status: 'delivered', responseStatus: 200, attempts: 1 });
  });

  it('retries with the same id and byte-identical body, gives up (dead), and "send again" sends the same message', async () => {
    const w = await world();
    const { endpoint, secret } = await createEndpoint(w.admin, { eventTypes: ['contact.created'] });
    hooks.setStatuses([500, 302, 503]);
    const before = hooks.received.length;
    const counted = (outcome: string) => readDeliveries().find((d) => d.topic === 'webhook' && d.outcome === outcome)?.n ?? 0;
    const [retries, deads] = [counted('retry'), counted('dead')];
    try {
      await makeContact(t.ctx, w.fx.tenant.id, w.customerId);
      await drain(w.fx.tenant.id);
    } finally {
      hooks.setStatuses([200]);
    }
    const attempts = hooks.received.slice(before);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((h) => h.headers['webhook-id'])).size).toBe(1);
    expect(new Set(attempts.map((h) => h.raw)).size).toBe(1);
    for (const h of attempts) expect(verifyStandardWebhook(secret, h)).toBe(true);
    const [dead] = await deliveriesOf(w.fx.tenant.id, endpoint.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, response_status: 503, last_error: 'HTTP 503' });
    expect(counted('retry') - retries).toBe(2);
    expect(counted('dead') - deads).toBe(1);

    const again = await w.admin.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${dead!.id}/redeliver`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: dead!.id, status: 'pending' });
    expectError(await w.admin.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${dead!.id}/redeliver`, {}), 409, 'WEBHOOK_DELIVERY_PENDING');
    await drain(w.fx.tenant.id);
    const last = hooks.received.at(-1)!;
    expect(last.headers['webhook-id']).toBe(attempts[0]?.headers['webhook-id']);
    expect(last.raw).toBe(attempts[0]?.raw);
    expect(verifyStandardWebhook(secret, last)).toBe(true);
    expect((await deliveriesOf(w.fx.tenant.id, endpoint.id))[0]).toMatchObject({ status: 'delivered', attempts: 4, response_status: 200, last_error: null });
  });

  it('"send test" goes through the outbox to the endpoint, signed', async () => {
    const w = await world();
    const { endpoint, secret } = await createEndpoint(w.admin, { eventTypes: ['ticket.created'], enabled: false });
    const res = await w.admin.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
    expect(res.statusCode, res.body).toBe(200);
    const queued = res.json<{ id: string; messageId: string; status: string; eventType: string }>();
    expect(queued).toMatchObject({ status: 'pending', eventType: 'webhook.test' });
    await drain(w.fx.tenant.id);
    const hook = hooks.received.find((h) => h.headers['webhook-id'] === queued.messageId);
    expect(hook && verifyStandardWebhook(secret, hook)).toBe(true);
    expect(JSON.parse(hook!.raw)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    expect((await w.admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries?status=delivered`)).json<{ total: number }>().total).toBe(1);
    expectError(await w.admin.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${randomUUID()}/redeliver`, {}), 404, 'WEBHOOK_DELIVERY_NOT_FOUND');
    // Deleting the endpoint removes its log.
    expect((await w.admin.delete(`/api/v1/webhooks/${endpoint.id}`)).statusCode).toBe(200);
    expect(await deliveriesOf(w.fx.tenant.id, endpoint.id)).toEqual([]);
  });

  it('the guard refuses loopback, mapped, metadata, private and names resolving to them at delivery: dead at once, with the reason', async () => {
    const w = await world();
    const port = new URL(hooks.url).port;
    const name = os.hostname();
    const resolved = await lookup(name, { all: true });
    expect(resolved.length > 0 && resolved.every((a) => isPrivateAddress(a.address)), `${name} resolves to ${JSON.stringify(resolved)}`).toBe(true);
    const urls = [`http://127.0.0.1:${port}/a`, `http://[::ffff:127.0.0.1]:${port}/b`, 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/c', `http://${name}:${port}/d`];
    // Stored while the operator allowed private targets; the operator has since turned it off.
    const ids: string[] = [];
    for (const url of urls) {
      const row = await t.ctx.db.insertInto('webhook_endpoints').values({ tenant_id: w.fx.tenant.id, url, event_types: ['ticket.created'], secret_enc: encrypt(t.ctx.keys, 'whsec_dGVzdA==') }).returning('id').executeTakeFirstOrThrow();
      expect((await w.admin.post(`/api/v1/webhooks/${row.id}/test`, {})).statusCode).toBe(200);
      ids.push(row.id);
    }
    const before = hooks.received.length;
    await drain(w.fx.tenant.id, { outboundAllowPrivate: false });
    expect(hooks.received.length).toBe(before);
    for (const [i, id] of ids.entries()) {
      const [d] = await deliveriesOf(w.fx.tenant.id, id);
      expect(d, urls[i]).toMatchObject({ status: 'dead', attempts: 1, response_status: null });
      expect(d?.last_error, urls[i]).toMatch(/refused/);
    }
    // The same loopback receiver is reached once the operator allows private targets.
    expect((await w.admin.post(`/api/v1/webhooks/${ids[0]}/test`, {})).statusCode).toBe(200);
    await drain(w.fx.tenant.id);
    expect(hooks.received.length).toBe(before + 1);
  });
});

describe('the delivery log’s retention (issue 15 item 1, issue 16 item 3)', () => {
  it('outbox maintenance removes delivered messages past the retention and dead ones past the longer one; pending ones and recent ones stay, and the log lists what is left', async () => {
    const w = await world();
    const { endpoint } = await createEndpoint(w.admin, { eventTypes: ['contact.created'] });
    const row = async (status: 'pending' | 'delivered' | 'dead', daysAgo: number) => {
      const r = await t.ctx.db
        .insertInto('webhook_deliveries')
        .values({ tenant_id: w.fx.tenant.id, endpoint_id: endpoint.id, message_id: `msg_${randomUUID()}`, event_type: 'contact.created', body: '{}', status, attempts: 1, last_attempt_at: new Date(Date.now() - daysAgo * 86_400_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    };
    const keep = [await row('delivered', 29), await row('dead', 89), await row('pending', 400)];
    const gone = [await row('delivered', 31), await row('dead', 91)];
    // Another app of the suite may be running its own maintenance (one node at a time): wait for the lock.
    let r = await pruneOutbox(t.ctx, { retentionDays: 30, deadRetentionDays: 90, batch: 1, vacuum: false });
    for (let i = 0; r.skipped && i < 100; i++) {
      await new Promise((done) => setTimeout(done, 100));
      r = await pruneOutbox(t.ctx, { retentionDays: 30, deadRetentionDays: 90, batch: 1, vacuum: false });
    }
    expect(r.skipped).toBe(false);
    expect(r.webhookDeliveries).toBeGreaterThanOrEqual(gone.length);
    const left = (await deliveriesOf(w.fx.tenant.id, endpoint.id)).map((d) => d.id);
    expect(left.sort()).toEqual([...keep].sort());
    const log = await w.admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries?page=1&pageSize=50`);
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json<{ items: { id: string }[] }>().items.map((d) => d.id).sort()).toEqual([...keep].sort());
  });
});
