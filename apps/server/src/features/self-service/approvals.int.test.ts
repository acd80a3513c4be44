import type { AssistantCard } from '@porta/contracts/assistant';
import type { SelfServiceActionView } from '@porta/contracts/self-service';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, setAssistant } from '../../test/assistant.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { inventory } from '../../test/devices.ts';
import { makeCustomer } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { type ModelServer, startModelServer } from '../../test/openai-server.ts';
import { assignedDevice, codeIn, lastSmsTo, type PortalPerson, portalPerson, type SelfServiceWorld, selfServiceWorld, verifyPhone } from '../../test/self-service.ts';
import { eventually } from '../../test/tickets.ts';
import { verifyChain } from '../audit/audit-verify.ts';

const t = useTestApp();

let w: SelfServiceWorld;

/** A customer of its own (policies are per customer), a requester with a verified phone and a device, a primary contact, a colleague. */
async function company(policies: Record<string, string>, language: 'en' | 'it' = 'en') {
  const customer = (await makeCustomer(t.ctx, w.fx.tenant.id)).id;
  expectStatus(await w.admin.request('PUT', `/api/v1/customers/${customer}/action-policies`, { body: { overrides: policies } }), 200);
  const requester = await portalPerson(w, { customer, language });
  await verifyPhone(w, requester);
  const primary = await portalPerson(w, { customer, isPrimary: true });
  await verifyPhone(w, primary);
  const colleague = await portalPerson(w, { customer });
  const device = await assignedDevice(w, requester, inventory({ hostname: `LAPTOP-${w.seq}`, os: 'windows', loggedInUser: 'mario' }), customer);
  return { customer, requester, primary, colleague, device };
}

const smsCount = async (p: PortalPerson) => (await t.ctx.db.selectFrom('sms_messages').select('id').where('tenant_id', '=', w.fx.tenant.id).where('to_e164', '=', p.phone).where('kind', '=', 'action-code').execute()).length;
const statusOf = async (id: string) => (await t.ctx.db.selectFrom('self_service_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const request = (p: PortalPerson, device: string, action = 'restart') => p.client.post(`/api/v1/portal/devices/${device}/actions`, { action });

beforeAll(async () => {
  w = await selfServiceWorld(t, '+3933361');
});

describe('action policies: settings (issue 13 item 5)', () => {
  it('tenant defaults (all allowed until changed), per-customer overrides, effective modes; bad values 400', async () => {
    const all = { restart: 'allowed', lock: 'allowed', shutdown: 'allowed', 'reset-password': 'allowed', logout: 'allowed', 'install-software': 'allowed' };
    expect((await w.admin.get('/api/v1/settings/self-service')).json()).toMatchObject({ actionPolicies: all });
    const patched = await w.admin.patch('/api/v1/settings/self-service', { actionPolicies: { shutdown: 'confirm' } });
    expect(patched.json()).toMatchObject({ actionPolicies: { ...all, shutdown: 'confirm' }, paused: false });
    // A second PATCH merges: shutdown stays.
    expect((await w.admin.patch('/api/v1/settings/self-service', { actionPolicies: { logout: 'approval' } })).json()).toMatchObject({ actionPolicies: { ...all, shutdown: 'confirm', logout: 'approval' } });
    const customer = (await makeCustomer(t.ctx, w.fx.tenant.id)).id;
    expect((await w.admin.get(`/api/v1/customers/${customer}/action-policies`)).json()).toEqual({ overrides: {}, effective: { ...all, shutdown: 'confirm', logout: 'approval' }, tenantDefaults: { ...all, shutdown: 'confirm', logout: 'approval' } });
    const put = await w.admin.request('PUT', `/api/v1/customers/${customer}/action-policies`, { body: { overrides: { shutdown: 'allowed', restart: 'approval' } } });
    expect(put.json()).toMatchObject({ overrides: { shutdown: 'allowed', restart: 'approval' }, effective: { ...all, restart: 'approval', logout: 'approval' } });
    expectError(await w.admin.request('PUT', `/api/v1/customers/${customer}/action-policies`, { body: { overrides: { restart: 'maybe' } } }), 400, 'VALIDATION_FAILED');
    expectError(await w.admin.request('PUT', `/api/v1/customers/${customer}/action-policies`, { body: { overrides: { format: 'allowed' } } }), 400, 'VALIDATION_FAILED');
    expectError(await w.admin.patch('/api/v1/settings/self-service', { actionPolicies: { lock: 'never' } }), 400, 'VALIDATION_FAILED');
    expectError(await w.admin.get('/api/v1/customers/00000000-0000-4000-8000-000000000099/action-policies'), 404, 'CUSTOMER_NOT_FOUND');
    // Unchanged by the refused writes.
    expect((await w.admin.get(`/api/v1/customers/${customer}/action-policies`)).json()).toMatchObject({ overrides: { shutdown: 'allowed', restart: 'approval' } });
    await w.admin.patch('/api/v1/settings/self-service', { actionPolicies: all });
  });
});

describe('allowed / confirm / approval (issue 13 item 5)', () => {
  it('allowed: the request sends the code at once; there is nothing to confirm', async () => {
    const c = await company({ restart: 'allowed' });
    const created = (await request(c.requester, c.device)).json<{ id: string; status: string }>();
    expect(created.status).toBe('awaiting-code');
    expect(await smsCount(c.requester)).toBe(1);
    expectError(await c.requester.client.post(`/api/v1/portal/actions/${created.id}/proceed`), 409, 'ACTION_CONFIRMATION_NOT_PENDING');
  });

  it('confirm: no code until the requester confirms; only the requester, only once; then code → command', async () => {
    const c = await company({ restart: 'confirm' });
    const created = (await request(c.requester, c.device)).json<{ id: string; status: string }>();
    expect(created.status).toBe('awaiting-confirmation');
    expect(await smsCount(c.requester)).toBe(0);
    // No code exists yet: a guessed one confirms nothing.
    expectError(await c.requester.client.post(`/api/v1/portal/actions/${created.id}/confirm`, { code: '123456' }), 400, 'SMS_CODE_EXPIRED');
    expectError(await c.colleague.client.post(`/api/v1/portal/actions/${created.id}/proceed`), 404, 'SELF_SERVICE_ACTION_NOT_FOUND');
    expectError(await c.primary.client.post(`/api/v1/portal/actions/${created.id}/proceed`), 404, 'SELF_SERVICE_ACTION_NOT_FOUND');
    expect(await statusOf(created.id)).toBe('awaiting-confirmation');
    const proceeded = await c.requester.client.post(`/api/v1/portal/actions/${created.id}/proceed`);
    expect(proceeded.json<SelfServiceActionView>()).toMatchObject({ status: 'awaiting-code', policy: 'confirm', expiresAt: null, decision: null });
    expect(await smsCount(c.requester)).toBe(1);
    expectError(await c.requester.client.post(`/api/v1/portal/actions/${created.id}/proceed`), 409, 'ACTION_CONFIRMATION_NOT_PENDING');
    expect(await smsCount(c.requester)).toBe(1);
    const code = codeIn(await lastSmsTo(t.ctx, w.admin, w.fx.tenant.id, c.requester.phone));
    const done = (await c.requester.client.post(`/api/v1/portal/actions/${created.id}/confirm`, { code })).json<SelfServiceActionView>();
    expect(done).toMatchObject({ status: 'confirmed', command: { status: 'queued' } });
  });

  it('approval: pending for the primary contacts only; approve → the requester confirms → code → command; audited', async () => {
    const c = await company({ restart: 'approval' });
    const created = (await request(c.requester, c.device)).json<{ id: string; status: string }>();
    expect(created.status).toBe('awaiting-approval');
    expect(await smsCount(c.requester)).toBe(0);
    const pending = (await c.primary.client.get('/api/v1/portal/approvals')).json<{ items: SelfServiceActionView[] }>().items;
    expect(pending.map((p) => p.id)).toEqual([created.id]);
    expect(pending[0]).toMatchObject({ action: 'restart', deviceName: expect.stringMatching(/^LAPTOP-/), requestedBy: { contactId: c.requester.id }, policy: 'approval', decision: null });
    expect(pending[0]?.expiresAt).not.toBeNull();
    // A non-primary colleague sees none and cannot decide; the requester cannot approve their own.
    expect((await c.colleague.client.get('/api/v1/portal/approvals')).json()).toEqual({ items: [] });
    expectError(await c.colleague.client.post(`/api/v1/portal/approvals/${created.id}/approve`, {}), 404, 'SELF_SERVICE_ACTION_NOT_FOUND');
    expectError(await c.requester.client.post(`/api/v1/portal/approvals/${created.id}/approve`, {}), 404, 'SELF_SERVICE_ACTION_NOT_FOUND');
    // A primary contact of another customer, and one of another tenant: 404.
    const elsewhere = await company({});
    expectError(await elsewhere.primary.client.post(`/api/v1/portal/approvals/${created.id}/approve`, {}), 404, 'SELF_SERVICE_ACTION_NOT_FOUND');
    expect((await elsewhere.primary.client.get('/api/v1/portal/approvals')).json()).toEqual({ items: [] });
    const w2 = await selfServiceWorld(t, '+3933362');
    const foreign = await portalPerson(w2, { isPrimary: true });
    expectError(await foreign.client.post(`/api/v1/portal/approvals/${created.id}/approve`, {}), 404, 'SELF_SERVICE_ACTION_NOT_FOUND');
    expect(await statusOf(created.id)).toBe('awaiting-approval');
    // The requester cannot skip the approval.
    expectError(await c.requester.client.post(`/api/v1/portal/actions/${created.id}/proceed`), 409, 'ACTION_CONFIRMATION_NOT_PENDING');

    const approved = (await c.primary.client.post(`/api/v1/portal/approvals/${created.id}/approve`, { reason: 'ok for today' })).json<SelfServiceActionView>();
    expect(approved).toMatchObject({ status: 'awaiting-confirmation', decision: { approved: true, reason: 'ok for today' } });
    expect(approved.decision?.by).not.toBe('');
    expectError(await c.primary.client.post(`/api/v1/portal/approvals/${created.id}/approve`, {}), 409, 'APPROVAL_ALREADY_DECIDED');
    expectError(await c.primary.client.post(`/api/v1/portal/approvals/${created.id}/deny`, {}), 409, 'APPROVAL_ALREADY_DECIDED');
    expect((await c.primary.client.get('/api/v1/portal/approvals')).json()).toEqual({ items: [] });

    expect(await smsCount(c.requester)).toBe(0);
    expectStatus(await c.requester.client.post(`/api/v1/portal/actions/${created.id}/proceed`), 200);
    const code = codeIn(await lastSmsTo(t.ctx, w.admin, w.fx.tenant.id, c.requester.phone));
    const done = (await c.requester.client.post(`/api/v1/portal/actions/${created.id}/confirm`, { code })).json<SelfServiceActionView>();
    expect(done).toMatchObject({ status: 'confirmed', command: { status: 'queued' }, decision: { approved: true } });

    const audit = await t.ctx.db.selectFrom('audit_log').select(['event', 'actor', 'subject']).where('tenant_id', '=', w.fx.tenant.id).where('subject', '=', `request:${created.id}`).orderBy('seq').execute();
    expect(audit.map((a) => a.event)).toEqual(['action.approved', 'action.confirmed-by-contact', 'action.verified']);
    expect(audit[0]?.actor).toBe(`contact:${c.primary.id}`);
    expect((await verifyChain(t.ctx.db, w.fx.tenant.id)).ok).toBe(true);
  });

  it('approval: denied with a reason ends the request; the requester sees who and why; nothing can proceed', async () => {
    const c = await company({ lock: 'approval' });
    const id = (await request(c.requester, c.device, 'lock')).json<{ id: string }>().id;
    expectError(await c.primary.client.post(`/api/v1/portal/approvals/${id}/deny`, { reason: 'x'.repeat(501) }), 400, 'VALIDATION_FAILED');
    expect(await statusOf(id)).toBe('awaiting-approval');
    const denied = (await c.primary.client.post(`/api/v1/portal/approvals/${id}/deny`, { reason: 'Not during the audit' })).json<SelfServiceActionView>();
    expect(denied).toMatchObject({ status: 'denied', decision: { approved: false, reason: 'Not during the audit' } });
    const seen = (await c.requester.client.get(`/api/v1/portal/actions/${id}`)).json<SelfServiceActionView>();
    expect(seen).toMatchObject({ status: 'denied', decision: { approved: false, reason: 'Not during the audit' }, command: null });
    expectError(await c.requester.client.post(`/api/v1/portal/actions/${id}/proceed`), 409, 'ACTION_CONFIRMATION_NOT_PENDING');
    expect(await smsCount(c.requester)).toBe(0);
    const audit = await t.ctx.db.selectFrom('audit_log').select('event').where('subject', '=', `request:${id}`).execute();
    expect(audit.map((a) => a.event)).toEqual(['action.denied']);
  });

  it("approval: a primary contact's own request needs only their confirmation", async () => {
    const c = await company({ shutdown: 'approval' });
    const mine = await assignedDevice(w, c.primary, inventory({ hostname: 'BOSS-PC', os: 'windows', loggedInUser: 'boss' }), c.customer);
    const created = (await request(c.primary, mine, 'shutdown')).json<{ id: string; status: string }>();
    expect(created.status).toBe('awaiting-confirmation');
    expect((await c.primary.client.get('/api/v1/portal/approvals')).json()).toEqual({ items: [] });
    expect((await c.primary.client.post(`/api/v1/portal/actions/${created.id}/proceed`)).json()).toMatchObject({ status: 'awaiting-code', policy: 'approval' });
  });

  it('approvals lapse after 24 h (expired, no decision possible); the kill switch cancels waiting requests', async () => {
    const c = await company({ restart: 'approval', logout: 'confirm' });
    const id = (await request(c.requester, c.device)).json<{ id: string }>().id;
    await t.ctx.db.updateTable('self_service_requests').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expectError(await c.primary.client.post(`/api/v1/portal/approvals/${id}/approve`, {}), 409, 'APPROVAL_ALREADY_DECIDED');
    expect(await statusOf(id)).toBe('expired');
    expect((await c.requester.client.get(`/api/v1/portal/actions/${id}`)).json()).toMatchObject({ status: 'expired', expiresAt: null });

    const waiting = (await request(c.requester, c.device)).json<{ id: string }>().id;
    const confirming = (await request(c.requester, c.device, 'logout')).json<{ id: string }>().id;
    expectStatus(await w.admin.post('/api/v1/self-service/cancel-queued'), 200);
    expect(await statusOf(waiting)).toBe('cancelled');
    expect(await statusOf(confirming)).toBe('cancelled');
    expectError(await c.primary.client.post(`/api/v1/portal/approvals/${waiting}/approve`, {}), 409, 'APPROVAL_ALREADY_DECIDED');
  });

  it('the company stream tells primary contacts of a new approval and the requester of the decision', async () => {
    const c = await company({ restart: 'approval' });
    const heard: { topic: string; status: string; actionId: string | null }[] = [];
    const stop = t.ctx.bus.subscribe((m) => {
      if (m.topic === 'self-service.request.changed' && m.customerId === c.customer) heard.push({ topic: m.topic, status: m.status, actionId: m.actionId });
    });
    try {
      const id = (await request(c.requester, c.device)).json<{ id: string }>().id;
      await c.primary.client.post(`/api/v1/portal/approvals/${id}/approve`, {});
      await c.requester.client.post(`/api/v1/portal/actions/${id}/proceed`);
      expect(await eventually(async () => heard.length >= 3)).toBe(true);
      expect(heard.map((h) => h.status)).toEqual(['awaiting-approval', 'awaiting-confirmation', 'awaiting-code']);
    } finally {
      stop();
    }
  });
});

describe('the assistant goes through the same policy (issue 13 item 5)', () => {
  let model: ModelServer;
  beforeAll(async () => {
    model = await startModelServer();
  });

  it('built-in engine: confirm and approval states in the card and a localised reply; denied shows in the session', async () => {
    await setAssistant(w.admin, 'all', { engine: 'builtin', createsTicket: false });
    const c = await company({ restart: 'confirm', lock: 'approval' });
    const a = await ask(c.requester.client, 'please restart my computer');
    expect(a.interpretation).toMatchObject({ intent: 'action', action: 'restart' });
    const card = a.message.cards[0] as Extract<AssistantCard, { kind: 'action' }>;
    expect(card).toMatchObject({ kind: 'action', state: 'awaiting-confirmation', action: 'restart' });
    expect(a.reply).toMatch(/^Please confirm in the card below: Restart on LAPTOP-/);
    expect(await smsCount(c.requester)).toBe(0);

    const b = await ask(c.requester.client, 'lock my computer', a.sessionId);
    const lockCard = b.message.cards[0] as Extract<AssistantCard, { kind: 'action' }>;
    expect(lockCard).toMatchObject({ state: 'awaiting-approval', action: 'lock' });
    expect(b.reply).toContain('needs the approval of a primary contact');
    expectStatus(await c.primary.client.post(`/api/v1/portal/approvals/${lockCard.requestId}/deny`, { reason: 'Not now' }), 200);
    const session = (await c.requester.client.get(`/api/v1/portal/assistant/sessions/${a.sessionId}`)).json<{ messages: { cards: AssistantCard[] }[] }>();
    const cards = session.messages.flatMap((m) => m.cards).filter((x): x is Extract<AssistantCard, { kind: 'action' }> => x.kind === 'action');
    expect(cards.find((x) => x.requestId === lockCard.requestId)).toMatchObject({ state: 'denied', decision: { approved: false, reason: 'Not now' } });
  });

  it('built-in engine in Italian: the reply is localised', async () => {
    await setAssistant(w.admin, 'all', { engine: 'builtin', createsTicket: false });
    const c = await company({ restart: 'approval' }, 'it');
    const a = await ask(c.requester.client, 'riavvia il mio computer');
    expect(a.message.cards[0]).toMatchObject({ state: 'awaiting-approval' });
    expect(a.reply).toContain("richiede l'approvazione di un contatto principale");
  });

  it('OpenAI engine: the tool result carries the state; the transcript ticket shows the approval outcome', async () => {
    await setAssistant(w.admin, 'all', { createsTicket: true, engine: 'openai', model: { baseUrl: model.baseUrl, model: 'm' } });
    const c = await company({ restart: 'approval' });
    const host = (await t.ctx.db.selectFrom('devices').select('hostname').where('id', '=', c.device).executeTakeFirstOrThrow()).hostname;
    model.script([{ toolCalls: [{ name: 'request_action', args: { device: host, action: 'restart' } }] }, { text: 'Waiting for approval.' }]);
    const a = await ask(c.requester.client, 'restart my PC please');
    const card = a.message.cards[0] as Extract<AssistantCard, { kind: 'action' }>;
    expect(card).toMatchObject({ state: 'awaiting-approval' });
    const toolMessage = JSON.stringify(model.requests.at(-1));
    expect(toolMessage).toContain('awaiting-approval');
    const ticketId = (await c.requester.client.get(`/api/v1/portal/assistant/sessions/${a.sessionId}`)).json<{ ticketId: string }>().ticketId;
    const description = async () => (await t.ctx.db.selectFrom('tickets').select('description').where('id', '=', ticketId).executeTakeFirstOrThrow()).description;
    expect(await description()).toContain(`- Actions: Restart — ${host} — Waiting for approval`);
    expectStatus(await c.primary.client.post(`/api/v1/portal/approvals/${card.requestId}/deny`, { reason: 'Ask IT first' }), 200);
    // No new chat message: the ticket follows the decision anyway.
    expect(await eventually(async () => (await description()).includes(`- Actions: Restart — ${host} — Denied — denied by`))).toBe(true);
    expect(await description()).toContain(': Ask IT first');
    await setAssistant(w.admin, 'all', { createsTicket: false, engine: 'builtin' });
  });
});
