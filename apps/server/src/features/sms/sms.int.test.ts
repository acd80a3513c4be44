import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup, isPrivateAddress, outboundRequest } from '../../platform/net/outbound-guard.ts';
import { expectError } from '../../test/assertions.ts';
import { type Client, signInContact, signInTechnician } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, useTestApp } from '../../test/harness.ts';
import { drainOutbox } from '../../test/mail.ts';
import { codeIn, setSelfServiceSection } from '../../test/self-service.ts';
import { startTwilioServer, startWebhookReceiver, type TwilioServer } from '../../test/twilio-server.ts';

const t = useTestApp();
const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio-auth-token-for-tests';
let twilio: TwilioServer;

beforeAll(async () => {
  twilio = await startTwilioServer(SID, TOKEN);
});
afterAll(async () => {
  await twilio.close();
});

interface World {
  fx: TenantFixture;
  admin: Client;
  contact: Client;
  contactId: string;
}

async function world(language: 'en' | 'it' = 'en'): Promise<World> {
  const fx = await makeTenant(t.ctx, { name: 'Acme IT' });
  const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  const c = await makeContact(t.ctx, fx.tenant.id, customer.id, { language });
  await setSelfServiceSection(admin, 'all');
  return { fx, admin, contact: await signInContact(t.app, fx.host, c.username, c.password), contactId: c.id };
}

function putSms(c: Client, body: unknown) {
  return c.request('PUT', '/api/v1/settings/sms', { body });
}

async function smsRows(tenantId: string) {
  return t.ctx.db.selectFrom('sms_messages').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').execute();
}

describe('SMS providers (SS-6)', () => {
  it('without a provider the SMS lands in the console outbox, readable by technicians', async () => {
    const w = await world();
    expect((await w.admin.get('/api/v1/settings/sms')).json()).toEqual({ provider: 'outbox' });
    expect((await w.contact.post('/api/v1/portal/phone', { phone: '+44 7911 123123' })).statusCode).toBe(200);
    await drainOutbox(t.ctx, [w.fx.tenant.id]);
    const page = (await w.admin.get('/api/v1/sms-outbox')).json<{ items: { to: string; body: string; status: string; kind: string }[] }>();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ to: '+447911123123', status: 'outbox', kind: 'phone-code' });
    expect(page.items[0]?.body).toMatch(/Acme IT: .* \d{6}\./);
    // Stored sealed: the clear code is nowhere in the row.
    const [row] = await smsRows(w.fx.tenant.id);
    expect(row?.body).not.toContain(codeIn(page.items[0]?.body ?? ''));
  });

  it('Twilio adapter: POSTs the form to Messages.json with Basic auth; once accepted only the redacted text is kept', async () => {
    const w = await world();
    const saved = await putSms(w.admin, { provider: 'twilio', baseUrl: twilio.url, accountSid: SID, authToken: TOKEN, from: '+15005550006' });
    expect(saved.json()).toEqual({ provider: 'twilio', baseUrl: twilio.url, accountSid: SID, from: '+15005550006', hasAuthToken: true });
    expect(JSON.stringify((await w.admin.get('/api/v1/settings/sms')).json())).not.toContain(TOKEN);
    const before = twilio.received.length;
    await w.contact.post('/api/v1/portal/phone', { phone: '+447911123124' });
    await drainOutbox(t.ctx, [w.fx.tenant.id]);
    const got = twilio.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]?.accountSid).toBe(SID);
    expect(got[0]?.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(got[0]?.contentType).toBe('application/x-www-form-urlencoded');
    expect(got[0]?.form.To).toBe('+447911123124');
    expect(got[0]?.form.From).toBe('+15005550006');
    const code = codeIn(got[0]?.form.Body ?? '');
    const [row] = await smsRows(w.fx.tenant.id);
    expect(row).toMatchObject({ status: 'sent', provider: 'twilio', body_enc: null });
    expect(row?.provider_id).toMatch(/^SM[0-9a-f]{32}$/);
    expect(row?.body).not.toContain(code);
    const outbox = (await w.admin.get('/api/v1/sms-outbox')).json<{ items: { body: string }[] }>();
    expect(outbox.items[0]?.body).not.toContain(code);
    // The code that went out verifies.
    expect((await w.contact.post('/api/v1/portal/phone/verify', { code })).json()).toEqual({ phone: '+447911123124', verified: true });
  });

  it('Twilio errors: a refused number fails for good; a 5xx stays queued for a retry with the error recorded', async () => {
    const w = await world();
    await putSms(w.admin, { provider: 'twilio', baseUrl: twilio.url, accountSid: SID, authToken: TOKEN, from: '+15005550006' });
    twilio.failNext(400, 21211, "The 'To' number +447911123125 is not a valid phone number.");
    await w.contact.post('/api/v1/portal/phone', { phone: '+447911123125' });
    await drainOutbox(t.ctx, [w.fx.tenant.id]);
    let rows = await smsRows(w.fx.tenant.id);
    expect(rows[0]).toMatchObject({ status: 'failed', body_enc: null });
    expect(rows[0]?.error).toContain('is not a valid phone number');

    twilio.failNext(503, 20500, 'Service unavailable');
    await w.contact.post('/api/v1/portal/phone', { phone: '+447911123126' });
    await drainOutbox(t.ctx, [w.fx.tenant.id]);
    rows = await smsRows(w.fx.tenant.id);
    expect(rows[1]).toMatchObject({ status: 'queued', error: 'twilio: Service unavailable' });
    expect(rows[1]?.body_enc).not.toBeNull();
    const pending = await t.ctx.db.selectFrom('outbox').select(['status', 'attempts']).where('tenant_id', '=', w.fx.tenant.id).where('topic', '=', 'sms').where('status', '=', 'pending').execute();
    expect(pending).toEqual([{ status: 'pending', attempts: 1 }]);
  });

  it('retries exhausted: the outbox gives up and the SMS is failed (not left queued), its sealed text dropped, the last error kept', async () => {
    const w = await world();
    await putSms(w.admin, { provider: 'twilio', baseUrl: twilio.url, accountSid: SID, authToken: TOKEN, from: '+15005550006' });
    const { maxAttempts } = t.ctx.config.mail;
    twilio.failNext(503, 20500, 'Service unavailable', maxAttempts);
    const before = twilio.received.length;
    await w.contact.post('/api/v1/portal/phone', { phone: '+447911123129' });
    const outboxRow = () => t.ctx.db.selectFrom('outbox').select(['status', 'attempts']).where('tenant_id', '=', w.fx.tenant.id).where('topic', '=', 'sms').executeTakeFirstOrThrow();
    for (let i = 0; i < maxAttempts; i++) {
      expect((await smsRows(w.fx.tenant.id))[0]?.status).toBe('queued');
      // The next attempt is due now, not after the backoff.
      await t.ctx.db.updateTable('outbox').set({ available_at: new Date(Date.now() - 1000) }).where('tenant_id', '=', w.fx.tenant.id).where('status', '=', 'pending').execute();
      await drainOutbox(t.ctx, [w.fx.tenant.id]);
    }
    expect(await outboxRow()).toEqual({ status: 'dead', attempts: maxAttempts });
    // Every attempt reached the provider, which refused each.
    expect(twilio.received.length - before).toBe(maxAttempts);
    const [row] = await smsRows(w.fx.tenant.id);
    expect(row).toMatchObject({ status: 'failed', error: 'twilio: Service unavailable', body_enc: null, sent_at: null });
    const listed = (await w.admin.get('/api/v1/sms-outbox')).json<{ items: { status: string; to: string }[] }>().items;
    expect(listed).toEqual([expect.objectContaining({ status: 'failed', to: '+447911123129' })]);
    // Nothing left to deliver: a later run sends nothing.
    await t.ctx.db.updateTable('outbox').set({ available_at: new Date(Date.now() - 1000) }).where('tenant_id', '=', w.fx.tenant.id).execute();
    await drainOutbox(t.ctx, [w.fx.tenant.id]);
    expect(twilio.received.length - before).toBe(maxAttempts);
  });

  it('wrong credentials: the test send answers SMS_SEND_FAILED (no 5xx) and records the failure', async () => {
    const w = await world();
    await putSms(w.admin, { provider: 'twilio', baseUrl: twilio.url, accountSid: SID, authToken: 'not-the-token', from: '+15005550006' });
    const res = await w.admin.post('/api/v1/settings/sms/test', { to: '+447911123127' });
    expectError(res, 400, 'SMS_SEND_FAILED');
    expect((await smsRows(w.fx.tenant.id))[0]).toMatchObject({ kind: 'test', status: 'failed', error: 'twilio: Authenticate' });
    await putSms(w.admin, { provider: 'twilio', baseUrl: twilio.url, accountSid: SID, authToken: TOKEN, from: '+15005550006' });
    expect((await w.admin.post('/api/v1/settings/sms/test', { to: '+447911123127' })).json()).toMatchObject({ status: 'sent' });
  });

  it('webhook adapter: JSON POST signed with HMAC-SHA256 over "<t>.<body>"', async () => {
    const w = await world();
    const hook = await startWebhookReceiver();
    try {
      const secret = 'webhook-secret-0123456789';
      await putSms(w.admin, { provider: 'webhook', url: hook.url, secret });
      await w.contact.post('/api/v1/portal/phone', { phone: '+447911123128' });
      await drainOutbox(t.ctx, [w.fx.tenant.id]);
      expect(hook.received).toHaveLength(1);
      const req = hook.received[0];
      const sig = String(req?.headers['x-porta-signature']);
      const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig) ?? [];
      expect(mac).toBe(createHmac('sha256', secret).update(`${ts}.${req?.raw}`).digest('hex'));
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
      expect(JSON.parse(req?.raw ?? '{}')).toMatchObject({ to: '+447911123128' });
      expect((await smsRows(w.fx.tenant.id))[0]).toMatchObject({ status: 'sent', provider: 'webhook', provider_id: 'hook-1', body_enc: null });
    } finally {
      await hook.close();
    }
  });
});

describe('outbound guard', () => {
  it('classifies private, loopback, link-local and mapped addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses loopback unless allowed, also behind a name', async () => {
    const port = new URL(twilio.url).port;
    await expect(outboundRequest({ url: `https://127.0.0.1:${port}/x`, method: 'GET', headers: {}, allowPrivate: false })).rejects.toThrow(/refused/);
    // A name is checked on its resolved addresses, in the socket's own lookup (no check-then-use gap).
    const lookup = (allow: boolean) =>
      new Promise<string>((resolve, reject) => guardedLookup(allow)('localhost', { family: 4 }, (err, address) => (err ? reject(err) : resolve(String(address)))));
    await expect(lookup(false)).rejects.toThrow(/refused/);
    expect(await lookup(true)).toBe('127.0.0.1');
    await expect(outboundRequest({ url: `${twilio.url}/x`, method: 'GET', headers: {}, allowPrivate: false })).rejects.toThrow(/refused/);
    expect((await outboundRequest({ url: `${twilio.url}/x`, method: 'GET', headers: {}, allowPrivate: true })).status).toBe(404);
  });

  it('by default (PORTA_OUTBOUND_ALLOW_PRIVATE unset) a tenant cannot point its SMS provider at a private address', async () => {
    const prod = await createTestApp({ env: { PORTA_OUTBOUND_ALLOW_PRIVATE: 'false' } });
    try {
      const fx = await makeTenant(prod.ctx);
      const admin = await signInTechnician(prod.app, fx.host, fx.admin.email, fx.admin.password);
      expectError(await putSms(admin, { provider: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 'webhook-secret-0123456789' }), 400, 'OUTBOUND_URL_REFUSED');
      expectError(await putSms(admin, { provider: 'twilio', baseUrl: 'https://10.0.0.5', accountSid: SID, authToken: TOKEN, from: '+15005550006' }), 400, 'OUTBOUND_URL_REFUSED');
      expect((await admin.get('/api/v1/settings/sms')).json()).toEqual({ provider: 'outbox' });
    } finally {
      await prod.close();
    }
  });
});
