import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CLOSE_CODES, type EnrolResponse } from '@porta/agent-protocol';
import { publicKeyFromRaw, rawFromPublicKey, verifyCommand } from '@porta/agent-protocol/sign';
import type { DeviceDetail, EnrolmentTokenCreated } from '@porta/contracts/devices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelQueued, getCommand, issueCommand, sweepExpired } from '../agent-commands/commands.service.ts';
import { connectAgent, type ProtocolAgent } from '../../test/agent-client.ts';
import { expectError } from '../../test/assertions.ts';
import { type Client, client, mintSession } from '../../test/client.ts';
import { inventory, makeDevice, type TestDevice } from '../../test/devices.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { eventually } from '../../test/tickets.ts';

/** Issue 12: enrolment, the agent gateway and the command lifecycle (SS-1, SS-2, SS-7, SS-8), over a real WebSocket. */
const t = useTestApp();

let fx: TenantFixture;
let other: TenantFixture;
let admin: Client;
let foreignAdmin: Client;
let customerA: string;
let customerB: string;
let baseUrl: string;
let commandKey: string;
const agents: ProtocolAgent[] = [];

const verification = () => crypto.randomUUID();
const commandRow = (id: string) => t.ctx.db.selectFrom('agent_commands').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const deviceRow = (id: string) => t.ctx.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
function agent(device: Pick<TestDevice, 'id' | 'privateKey'>, inv = inventory()): ProtocolAgent {
  const a = connectAgent(baseUrl, fx.host, device, { inventory: inv });
  agents.push(a);
  return a;
}

async function newToken(customerId = customerA): Promise<EnrolmentTokenCreated> {
  const res = await admin.post('/api/v1/enrolment-tokens', { customerId });
  expect(res.statusCode).toBe(201);
  return res.json<EnrolmentTokenCreated>();
}

async function enrol(token: string, host = fx.host) {
  const pair = generateKeyPairSync('ed25519');
  const res = await client(t.app, host).post('/api/v1/agent/enrol', { token, publicKey: rawFromPublicKey(pair.publicKey), inventory: inventory() });
  return { res, device: res.statusCode === 201 ? { id: res.json<EnrolResponse>().deviceId, privateKey: pair.privateKey } : null };
}

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  other = await makeTenant(t.ctx);
  admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  foreignAdmin = await mintSession(t.app, t.ctx, other.host, other.tenant.id, 'technician', other.admin.id);
  customerA = (await makeCustomer(t.ctx, fx.tenant.id)).id;
  customerB = (await makeCustomer(t.ctx, fx.tenant.id)).id;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
});

describe('enrolment tokens and enrolment (SS-1)', () => {
  it('a token enrols a device of its customer with its key and inventory, and answers the pinned command key', async () => {
    const tok = await newToken();
    expect(new Date(tok.expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const stored = await t.ctx.db.selectFrom('enrolment_tokens').selectAll().where('id', '=', tok.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(tok.token);
    const { res, device } = await enrol(tok.token);
    expect(res.statusCode).toBe(201);
    const body = res.json<EnrolResponse>();
    expect(body.tenantId).toBe(fx.tenant.id);
    commandKey = body.commandPublicKey;
    expect(() => publicKeyFromRaw(commandKey)).not.toThrow();
    const row = await deviceRow(device!.id);
    expect(row.customer_id).toBe(customerA);
    expect(row.online).toBe(false);
    // Multi-use until expiry: a second machine of the same roll-out enrols with the same token.
    expect((await enrol(tok.token)).res.statusCode).toBe(201);
  });

  it('an expired, a revoked, an unknown or another tenant\'s token is refused and nothing is stored', async () => {
    const before = (await t.ctx.db.selectFrom('devices').select('id').execute()).length;
    const expired = await newToken();
    await t.ctx.db.updateTable('enrolment_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', expired.id).execute();
    expectError((await enrol(expired.token)).res, 401, 'ENROLMENT_TOKEN_INVALID');
    const revoked = await newToken();
    expect((await admin.request('DELETE', `/api/v1/enrolment-tokens/${revoked.id}`)).statusCode).toBe(204);
    expectError((await enrol(revoked.token)).res, 401, 'ENROLMENT_TOKEN_INVALID');
    expectError((await enrol('pe_nothing')).res, 401, 'ENROLMENT_TOKEN_INVALID');
    // A live token of tenant T presented on tenant U's host.
    const live = await newToken();
    expectError((await enrol(live.token, other.host)).res, 401, 'ENROLMENT_TOKEN_INVALID');
    expect((await t.ctx.db.selectFrom('devices').select('id').execute()).length).toBe(before);
    const list = await admin.get(`/api/v1/enrolment-tokens?customerId=${customerA}`);
    const items = list.json<{ items: { id: string; revokedAt: string | null }[] }>().items;
    expect(items.find((i) => i.id === revoked.id)?.revokedAt).not.toBeNull();
  });

  it('a token for another tenant\'s customer is 404, and another tenant cannot revoke ours', async () => {
    expectError(await foreignAdmin.post('/api/v1/enrolment-tokens', { customerId: customerA }), 404, 'CUSTOMER_NOT_FOUND');
    const tok = await newToken();
    expectError(await foreignAdmin.request('DELETE', `/api/v1/enrolment-tokens/${tok.id}`), 404, 'ENROLMENT_TOKEN_NOT_FOUND');
    expect((await enrol(tok.token)).res.statusCode).toBe(201);
  });
});

describe('gateway and commands (SS-7, SS-8)', () => {
  it('an agent connects, its inventory and online state are stored, a signed command reaches it and its statuses flow back', async () => {
    const { device } = await enrol((await newToken()).token);
    const inv = inventory({ hostname: 'reception-pc', loggedInUser: 'mbianchi' });
    const a = agent(device!, inv);
    expect(await a.welcomed).toBe(true);
    expect(await eventually(async () => (await deviceRow(device!.id)).hostname === 'reception-pc' && (await deviceRow(device!.id)).online)).toBe(true);

    const issued = await issueCommand(t.ctx, fx.tenant.id, { deviceId: device!.id, action: 'restart', params: {}, verificationId: verification(), requestedBy: { technicianId: fx.admin.id } });
    const cmd = await a.nextCommand();
    expect(cmd.payload.id).toBe(issued.id);
    expect(cmd.payload.deviceId).toBe(device!.id);
    expect(cmd.payload.tenantId).toBe(fx.tenant.id);
    expect(verifyCommand(cmd, publicKeyFromRaw(commandKey))).toBe(true);
    expect(verifyCommand({ ...cmd, payload: { ...cmd.payload, action: 'shutdown' } }, publicKeyFromRaw(commandKey))).toBe(false);
    expect(await eventually(async () => (await commandRow(issued.id)).status === 'sent')).toBe(true);
    expect((await commandRow(issued.id)).signed_enc).toBeNull();

    a.send({ type: 'ack', commandId: issued.id });
    a.send({ type: 'status', commandId: issued.id, status: 'running' });
    a.send({ type: 'status', commandId: issued.id, status: 'succeeded', detail: 'shutdown /r /t 0' });
    expect(await eventually(async () => (await commandRow(issued.id)).status === 'succeeded')).toBe(true);
    const view = await getCommand(t.ctx, fx.tenant.id, issued.id);
    expect(view.events.map((e) => e.status)).toEqual(['queued', 'sent', 'acknowledged', 'running', 'succeeded']);
    expect(view.resultDetail).toBe('shutdown /r /t 0');
    // A late or repeated report changes nothing.
    a.send({ type: 'status', commandId: issued.id, status: 'failed' });
    const detail = await admin.get(`/api/v1/devices/${device!.id}`);
    expect(detail.statusCode).toBe(200);
    const d = detail.json<DeviceDetail>();
    expect(d.inventory.loggedInUser).toBe('mbianchi');
    expect(d.online).toBe(true);
    expect(d.commands[0]?.status).toBe('succeeded');
  });

  it('reset-password: the temporary password travels signed but is never stored in clear', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customerA);
    const issued = await issueCommand(t.ctx, fx.tenant.id, { deviceId: d.id, action: 'reset-password', params: { username: 'mrossi', temporaryPassword: 'Tmp-Secret-4711' }, verificationId: verification(), requestedBy: {} });
    const row = await commandRow(issued.id);
    expect(JSON.stringify(row)).not.toContain('Tmp-Secret-4711');
    expect(row.params_public).toEqual({ username: 'mrossi' });
    const a = agent(d);
    const cmd = await a.nextCommand();
    expect(cmd.payload.params).toEqual({ username: 'mrossi', temporaryPassword: 'Tmp-Secret-4711' });
  });

  it('a status about a command is accepted only from the device it is for', async () => {
    const d1 = await makeDevice(t.ctx, fx.tenant.id, customerA);
    const d2 = await makeDevice(t.ctx, fx.tenant.id, customerA);
    const a1 = agent(d1);
    const a2 = agent(d2);
    expect(await a1.welcomed).toBe(true);
    expect(await a2.welcomed).toBe(true);
    const issued = await issueCommand(t.ctx, fx.tenant.id, { deviceId: d1.id, action: 'lock', params: {}, verificationId: verification(), requestedBy: {} });
    await a1.nextCommand();
    a2.send({ type: 'ack', commandId: issued.id });
    a2.send({ type: 'status', commandId: issued.id, status: 'succeeded' });
    // a1's ack is processed after a2's messages were; then a2's must have changed nothing.
    await new Promise((r) => setTimeout(r, 300));
    expect((await commandRow(issued.id)).status).toBe('sent');
    a1.send({ type: 'ack', commandId: issued.id });
    expect(await eventually(async () => (await commandRow(issued.id)).status === 'acknowledged')).toBe(true);
  });

  it('an offline device gets its queued command when it returns; an expired one is never delivered', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customerA);
    const stale = await issueCommand(t.ctx, fx.tenant.id, { deviceId: d.id, action: 'lock', params: {}, verificationId: verification(), requestedBy: {} });
    await t.ctx.db.updateTable('agent_commands').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', stale.id).execute();
    expect(await sweepExpired(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await commandRow(stale.id)).status).toBe('expired');
    expect((await commandRow(stale.id)).signed_enc).toBeNull();
    const fresh = await issueCommand(t.ctx, fx.tenant.id, { deviceId: d.id, action: 'restart', params: {}, verificationId: verification(), requestedBy: {} });
    expect((await commandRow(fresh.id)).status).toBe('queued');
    const a = agent(d);
    const got = await a.nextCommand();
    expect(got.payload.id).toBe(fresh.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(a.commands).toEqual([]);
    expect((await commandRow(stale.id)).status).toBe('expired');
  });

  it('a command is delivered at most once, even when the agent reconnects before acknowledging', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customerA);
    const a = agent(d);
    expect(await a.welcomed).toBe(true);
    const issued = await issueCommand(t.ctx, fx.tenant.id, { deviceId: d.id, action: 'logout', params: {}, verificationId: verification(), requestedBy: {} });
    await a.nextCommand();
    await a.close();
    const again = agent(d);
    expect(await again.welcomed).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(again.commands).toEqual([]);
    expect((await getCommand(t.ctx, fx.tenant.id, issued.id)).events.filter((e) => e.status === 'sent')).toHaveLength(1);
  });

  it('the kill switch cancels every queued command of the tenant, none is delivered after', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customerA);
    const issued = await issueCommand(t.ctx, fx.tenant.id, { deviceId: d.id, action: 'shutdown', params: {}, verificationId: verification(), requestedBy: {} });
    const otherTenantDevice = await makeDevice(t.ctx, other.tenant.id, (await makeCustomer(t.ctx, other.tenant.id)).id);
    const theirs = await issueCommand(t.ctx, other.tenant.id, { deviceId: otherTenantDevice.id, action: 'lock', params: {}, verificationId: verification(), requestedBy: {} });
    expect((await cancelQueued(t.ctx, fx.tenant.id)).cancelled).toBeGreaterThanOrEqual(1);
    expect((await commandRow(issued.id)).status).toBe('cancelled');
    expect((await commandRow(theirs.id)).status).toBe('queued');
    const a = agent(d);
    expect(await a.welcomed).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(a.commands).toEqual([]);
  });

  it('a revoked device\'s socket is closed at once and its key refused from then on', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customerA);
    const a = agent(d);
    expect(await a.welcomed).toBe(true);
    const res = await admin.post(`/api/v1/devices/${d.id}/revoke`);
    expect(res.statusCode).toBe(200);
    expect(res.json<DeviceDetail>().revokedAt).not.toBeNull();
    expect((await a.closed).code).toBe(CLOSE_CODES.UNAUTHORIZED);
    const back = agent(d);
    expect(await back.welcomed).toBe(false);
    expect((await back.closed).code).toBe(CLOSE_CODES.UNAUTHORIZED);
    await expect(issueCommand(t.ctx, fx.tenant.id, { deviceId: d.id, action: 'lock', params: {}, verificationId: verification(), requestedBy: {} })).rejects.toMatchObject({ code: 'DEVICE_REVOKED' });
  });

  it('a hello signed by another key, or for another tenant\'s device, is refused with 4401', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customerA);
    const impostor = agent({ id: d.id, privateKey: generateKeyPairSync('ed25519').privateKey });
    expect((await impostor.closed).code).toBe(CLOSE_CODES.UNAUTHORIZED);
    const foreign = connectAgent(baseUrl, other.host, d);
    agents.push(foreign);
    expect((await foreign.closed).code).toBe(CLOSE_CODES.UNAUTHORIZED);
    expect((await deviceRow(d.id)).online).toBe(false);
  });

  it('issueCommand refuses another tenant\'s device and a command outside the action set', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customerA);
    await expect(issueCommand(t.ctx, other.tenant.id, { deviceId: d.id, action: 'lock', params: {}, verificationId: verification(), requestedBy: {} })).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    const bogus = { deviceId: d.id, action: 'format-disk', params: {}, verificationId: verification(), requestedBy: {} } as unknown as Parameters<typeof issueCommand>[2];
    await expect(issueCommand(t.ctx, fx.tenant.id, bogus)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await t.ctx.db.selectFrom('agent_commands').select('id').where('device_id', '=', d.id).execute()).toEqual([]);
  });
});

describe('devices in the console and the portal (SS-2, SS-3)', () => {
  it('lists, searches and pages devices; another tenant gets 404 for ours and an empty list', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customerB, inventory({ hostname: 'warehouse-laptop-77' }));
    const found = await admin.get('/api/v1/devices?q=warehouse-laptop-77');
    expect(found.json<{ items: { id: string }[]; total: number }>().items.map((i) => i.id)).toEqual([d.id]);
    const paged = await admin.get('/api/v1/devices?pageSize=1&page=2');
    expect(paged.json<{ items: unknown[]; total: number }>().items).toHaveLength(1);
    expectError(await foreignAdmin.get(`/api/v1/devices/${d.id}`), 404, 'DEVICE_NOT_FOUND');
    expectError(await foreignAdmin.post(`/api/v1/devices/${d.id}/revoke`), 404, 'DEVICE_NOT_FOUND');
    expect((await deviceRow(d.id)).revoked_at).toBeNull();
    expect((await foreignAdmin.get('/api/v1/devices?q=warehouse-laptop-77')).json<{ total: number }>().total).toBe(0);
  });

  it('assigns contacts of the device\'s customer only (several devices per contact); another customer\'s contact is 404 and nothing changes', async () => {
    const mario = await makeContact(t.ctx, fx.tenant.id, customerA);
    const luigi = await makeContact(t.ctx, fx.tenant.id, customerA);
    const outsider = await makeContact(t.ctx, fx.tenant.id, customerB);
    const d1 = await makeDevice(t.ctx, fx.tenant.id, customerA);
    const d2 = await makeDevice(t.ctx, fx.tenant.id, customerA);
    expect((await admin.patch(`/api/v1/devices/${d1.id}`, { contactIds: [mario.id, luigi.id] })).json<DeviceDetail>().contacts.map((c) => c.id).sort()).toEqual([mario.id, luigi.id].sort());
    expect((await admin.patch(`/api/v1/devices/${d2.id}`, { contactIds: [mario.id] })).statusCode).toBe(200);
    expectError(await admin.patch(`/api/v1/devices/${d1.id}`, { contactIds: [outsider.id] }), 404, 'CONTACT_NOT_FOUND');
    expect((await admin.get(`/api/v1/devices/${d1.id}`)).json<DeviceDetail>().contacts).toHaveLength(2);

    // Portal: only with the self-service section on for the customer, only assigned devices.
    const portal = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', mario.id);
    expectError(await portal.get('/api/v1/portal/devices'), 404, 'NOT_FOUND');
    const saved = await admin.patch('/api/v1/settings/portal', { sections: { selfService: { mode: 'selected', customerIds: [customerA] } } });
    expect(saved.statusCode).toBe(200);
    await eventually(async () => (await portal.get('/api/v1/portal/devices')).statusCode === 200);
    const mine = (await portal.get('/api/v1/portal/devices')).json<{ items: { id: string }[] }>().items.map((i) => i.id).sort();
    expect(mine).toEqual([d1.id, d2.id].sort());
    const luigiPortal = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', luigi.id);
    expect((await luigiPortal.get('/api/v1/portal/devices')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([d1.id]);
    const outsiderPortal = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', outsider.id);
    expectError(await outsiderPortal.get('/api/v1/portal/devices'), 404, 'NOT_FOUND');
    // A revoked device leaves "My devices".
    await admin.post(`/api/v1/devices/${d2.id}/revoke`);
    expect((await portal.get('/api/v1/portal/devices')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([d1.id]);
  });
});
