import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../test/assertions.ts';
import type { Inventory } from '@porta/agent-protocol';
import { type Client, signInTechnician } from '../../test/client.ts';
import { inventory } from '../../test/devices.ts';
import { makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { ageCodes, assignedDevice, codeIn, freshPhone, lastSmsTo, type PortalPerson, portalPerson, type SelfServiceWorld, selfServiceWorld, setSelfServiceSection, verifyPhone } from '../../test/self-service.ts';
import { verifyChain } from '../audit/audit-verify.ts';

const t = useTestApp();

type Person = PortalPerson;
let w: SelfServiceWorld;
let fx: TenantFixture;
let admin: Client;

beforeAll(async () => {
  w = await selfServiceWorld(t, '+3933312');
  ({ fx, admin } = w);
});

const person = (opts: { language?: 'en' | 'it'; isPrimary?: boolean; customer?: string } = {}) => portalPerson(w, opts);
const enrol = (p: Person) => verifyPhone(w, p);
const deviceOf = (p: Person, inv?: Inventory) => assignedDevice(w, p, inv);
const nextPhone = () => freshPhone(w);

describe('phone verification (SS-6)', () => {
  it('a wrong number is refused; the SMS is in the contact language', async () => {
    const p = await person({ language: 'it' });
    expectError(await p.client.post('/api/v1/portal/phone', { phone: '12345' }), 400, 'PHONE_INVALID');
    // Without a country prefix the number is read in the contact language's region (it → IT).
    expect((await p.client.post('/api/v1/portal/phone', { phone: p.phone.slice(3) })).json()).toEqual({ phone: p.phone, status: 'code-sent' });
    expect(await lastSmsTo(t.ctx, admin, fx.tenant.id, p.phone)).toMatch(/^Acme IT: il tuo codice per confermare questo numero è \d{6}\. Scade tra 5 minuti\.$/);
  });

  it('single use; stored hashed', async () => {
    const p = await person();
    await p.client.post('/api/v1/portal/phone', { phone: p.phone });
    const code = codeIn(await lastSmsTo(t.ctx, admin, fx.tenant.id, p.phone));
    const rows = await t.ctx.db.selectFrom('sms_codes').select('code_hash').where('contact_id', '=', p.id).execute();
    expect(rows.every((r) => !r.code_hash.includes(code))).toBe(true);
    expect((await p.client.post('/api/v1/portal/phone/verify', { code })).statusCode).toBe(200);
    expectError(await p.client.post('/api/v1/portal/phone/verify', { code }), 400, 'SMS_CODE_EXPIRED');
    expect((await p.client.get('/api/v1/portal/phone')).json()).toEqual({ phone: p.phone, verified: true });
  });

  it('5 wrong tries and the code is dead, even the right one', async () => {
    const p = await person();
    await p.client.post('/api/v1/portal/phone', { phone: p.phone });
    const code = codeIn(await lastSmsTo(t.ctx, admin, fx.tenant.id, p.phone));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expectError(await p.client.post('/api/v1/portal/phone/verify', { code: wrong }), 400, 'SMS_CODE_INVALID');
    expectError(await p.client.post('/api/v1/portal/phone/verify', { code }), 400, 'SMS_CODE_EXPIRED');
    expect((await p.client.get('/api/v1/portal/phone')).json()).toEqual({ phone: null, verified: false });
  });

  it('expires after 5 minutes', async () => {
    const p = await person();
    await p.client.post('/api/v1/portal/phone', { phone: p.phone });
    const code = codeIn(await lastSmsTo(t.ctx, admin, fx.tenant.id, p.phone));
    await ageCodes(t.ctx, fx.tenant.id, p.id, 5 * 60_000 + 1000);
    expectError(await p.client.post('/api/v1/portal/phone/verify', { code }), 400, 'SMS_CODE_EXPIRED');
  });

  it('at most 10 codes per contact per hour, and per number across contacts', async () => {
    const p = await person();
    for (let i = 0; i < 10; i++) expect((await p.client.post('/api/v1/portal/phone', { phone: p.phone })).statusCode).toBe(200);
    expectError(await p.client.post('/api/v1/portal/phone', { phone: nextPhone() }), 429, 'SMS_RATE_LIMITED');
    await ageCodes(t.ctx, fx.tenant.id, p.id, 3_600_000 + 1000);
    expect((await p.client.post('/api/v1/portal/phone', { phone: nextPhone() })).statusCode).toBe(200);

    const shared = nextPhone();
    const a = await person();
    const b = await person();
    for (let i = 0; i < 6; i++) expect((await a.client.post('/api/v1/portal/phone', { phone: shared })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await b.client.post('/api/v1/portal/phone', { phone: shared })).statusCode).toBe(200);
    expectError(await b.client.post('/api/v1/portal/phone', { phone: shared }), 429, 'SMS_RATE_LIMITED');
  });

  it('an admin clears the number: the contact must enrol again; another tenant cannot', async () => {
    const p = await person();
    await enrol(p);
    const other = await makeTenant(t.ctx);
    const foreign = await signInTechnician(t.app, other.host, other.admin.email, other.admin.password);
    expectError(await foreign.delete(`/api/v1/contacts/${p.id}/phone`), 404, 'CONTACT_NOT_FOUND');
    expect((await p.client.get('/api/v1/portal/phone')).json()).toEqual({ phone: p.phone, verified: true });
    // The console's contact page shows the verified number (and only a verified one).
    const contactOf = async () => (await admin.get(`/api/v1/contacts/${p.id}`)).json<{ contact: { verifiedPhone: string | null } }>().contact;
    expect((await contactOf()).verifiedPhone).toBe(p.phone);
    expect((await admin.delete(`/api/v1/contacts/${p.id}/phone`)).json()).toEqual({ ok: true });
    expect((await p.client.get('/api/v1/portal/phone')).json()).toEqual({ phone: null, verified: false });
    expect((await contactOf()).verifiedPhone).toBeNull();
    const d = await deviceOf(p);
    expectError(await p.client.post(`/api/v1/portal/devices/${d}/actions`, { action: 'restart' }), 409, 'PHONE_NOT_VERIFIED');
  });
});

describe('self-service actions (SS-3, SS-4, SS-6, SS-7)', () => {
  it('request → code bound to device and action → confirm issues the signed command; audited', async () => {
    const p = await person();
    await enrol(p);
    const d1 = await deviceOf(p);
    const d2 = await deviceOf(p);
    const created = await p.client.post(`/api/v1/portal/devices/${d1}/actions`, { action: 'restart' });
    expect(created.json()).toMatchObject({ status: 'awaiting-code' });
    const id = created.json<{ id: string }>().id;
    const sms = await lastSmsTo(t.ctx, admin, fx.tenant.id, p.phone);
    expect(sms).toContain('restart');
    const code = codeIn(sms);
    // The code of d1's restart confirms nothing else: another request (d2, lock) has its own code.
    const other = (await p.client.post(`/api/v1/portal/devices/${d2}/actions`, { action: 'lock' })).json<{ id: string }>().id;
    const otherCode = codeIn(await lastSmsTo(t.ctx, admin, fx.tenant.id, p.phone));
    // A new code replaced the first: one live code per contact.
    expectError(await p.client.post(`/api/v1/portal/actions/${id}/confirm`, { code }), 400, 'SMS_CODE_EXPIRED');
    const done = await p.client.post(`/api/v1/portal/actions/${other}/confirm`, { code: otherCode });
    expect(done.statusCode).toBe(200);
    const view = done.json<{ status: string; action: string; deviceId: string; command: { id: string; status: string } | null }>();
    expect(view).toMatchObject({ status: 'confirmed', action: 'lock', deviceId: d2 });
    expect(view.command?.status).toBe('queued');
    const cmd = await t.ctx.db.selectFrom('agent_commands').selectAll().where('id', '=', view.command?.id ?? '').executeTakeFirstOrThrow();
    expect(cmd).toMatchObject({ device_id: d2, action: 'lock', verification_id: other });
    expectError(await p.client.post(`/api/v1/portal/actions/${other}/confirm`, { code: otherCode }), 400, 'SMS_CODE_EXPIRED');
    const events = (await t.ctx.db.selectFrom('audit_log').select(['event', 'subject']).where('tenant_id', '=', fx.tenant.id).orderBy('seq').execute()).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['action.requested', 'action.code-rejected', 'action.verified', 'command.signed']));
    expect((await verifyChain(t.ctx.db, fx.tenant.id)).ok).toBe(true);
  });

  it('reset-password: the temporary password goes by SMS to the verified number, never to the browser or the database in clear', async () => {
    const p = await person();
    await enrol(p);
    const d = await deviceOf(p);
    const id = (await p.client.post(`/api/v1/portal/devices/${d}/actions`, { action: 'reset-password' })).json<{ id: string }>().id;
    const code = codeIn(await lastSmsTo(t.ctx, admin, fx.tenant.id, p.phone));
    const res = await p.client.post(`/api/v1/portal/actions/${id}/confirm`, { code });
    expect(res.statusCode).toBe(200);
    const sms = await lastSmsTo(t.ctx, admin, fx.tenant.id, p.phone);
    const pw = /is (\S+)\. Change it/.exec(sms)?.[1] ?? '';
    expect(pw).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    expect(res.body).not.toContain(pw);
    const dump = JSON.stringify(
      await Promise.all([
        t.ctx.db.selectFrom('agent_commands').selectAll().where('tenant_id', '=', fx.tenant.id).execute(),
        t.ctx.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', fx.tenant.id).execute(),
        t.ctx.db.selectFrom('sms_messages').select(['body']).where('tenant_id', '=', fx.tenant.id).execute(),
      ]),
    );
    expect(dump).not.toContain(pw);
  });

  it('software: only catalogue packages for the device OS are offered and accepted', async () => {
    const p = await person();
    await enrol(p);
    const win = await deviceOf(p);
    const mac = await deviceOf(p, inventory({ os: 'macos', loggedInUser: 'anna' }));
    const chrome = (await admin.post('/api/v1/software', { name: `Chrome ${w.seq}`, chocolateyId: 'googlechrome', homebrewCask: 'google-chrome' })).json<{ id: string; os: string[] }>();
    expect(chrome.os).toEqual(['windows', 'macos']);
    const rect = (await admin.post('/api/v1/software', { name: `Rectangle ${w.seq}`, homebrewCask: 'rectangle' })).json<{ id: string }>();
    expectError(await admin.post('/api/v1/software', { name: 'Nothing' }), 400, 'SOFTWARE_PACKAGE_NO_MANAGER');
    const winList = (await p.client.get(`/api/v1/portal/devices/${win}/software`)).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(winList).toContain(chrome.id);
    expect(winList).not.toContain(rect.id);
    expectError(await p.client.post(`/api/v1/portal/devices/${win}/actions`, { action: 'install-software', packageId: rect.id }), 400, 'SOFTWARE_NOT_FOR_OS');
    expectError(await p.client.post(`/api/v1/portal/devices/${win}/actions`, { action: 'install-software', packageId: '00000000-0000-4000-8000-000000000000' }), 404, 'SOFTWARE_PACKAGE_NOT_FOUND');
    expect((await p.client.post(`/api/v1/portal/devices/${mac}/actions`, { action: 'install-software', packageId: rect.id })).statusCode).toBe(200);
    expect((await admin.get('/api/v1/software/starter')).json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(50);
  });

  it('isolation: another contact\'s device 404; a colleague cannot see my request, a primary contact can but cannot confirm; section off 404', async () => {
    const me = await person();
    await enrol(me);
    const colleague = await person();
    await enrol(colleague);
    const primary = await person({ isPrimary: true });
    const mine = await deviceOf(me);
    expectError(await colleague.client.post(`/api/v1/portal/devices/${mine}/actions`, { action: 'restart' }), 404, 'DEVICE_NOT_FOUND');
    const id = (await me.client.post(`/api/v1/portal/devices/${mine}/actions`, { action: 'lock' })).json<{ id: string }>().id;
    const code = codeIn(await lastSmsTo(t.ctx, admin, fx.tenant.id, me.phone));
    expectError(await colleague.client.get(`/api/v1/portal/actions/${id}`), 404, 'SELF_SERVICE_ACTION_NOT_FOUND');
    expectError(await colleague.client.post(`/api/v1/portal/actions/${id}/confirm`, { code }), 404, 'SELF_SERVICE_ACTION_NOT_FOUND');
    expect((await primary.client.get(`/api/v1/portal/actions/${id}`)).statusCode).toBe(200);
    expect((await primary.client.get('/api/v1/portal/actions')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(id);
    expectError(await primary.client.post(`/api/v1/portal/actions/${id}/confirm`, { code }), 404, 'SELF_SERVICE_ACTION_NOT_FOUND');
    expect((await colleague.client.get('/api/v1/portal/actions')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(id);
    const row = await t.ctx.db.selectFrom('self_service_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('awaiting-code');

    const otherCustomer = await makeCustomer(t.ctx, fx.tenant.id);
    await setSelfServiceSection(admin, 'selected', [otherCustomer.id]);
    try {
      expectError(await me.client.get(`/api/v1/portal/actions/${id}`), 404, 'NOT_FOUND');
      expectError(await me.client.post(`/api/v1/portal/devices/${mine}/actions`, { action: 'restart' }), 404, 'NOT_FOUND');
      expectError(await me.client.post('/api/v1/portal/phone', { phone: me.phone }), 404, 'NOT_FOUND');
    } finally {
      await setSelfServiceSection(admin, 'all');
    }
  });

  it('kill switch: paused refuses new requests; cancel-queued cancels open requests and queued commands', async () => {
    const p = await person();
    await enrol(p);
    const d = await deviceOf(p);
    const open = (await p.client.post(`/api/v1/portal/devices/${d}/actions`, { action: 'logout' })).json<{ id: string }>().id;
    expect((await admin.post('/api/v1/self-service/cancel-queued')).json<{ requests: number }>().requests).toBeGreaterThanOrEqual(1);
    expect((await t.ctx.db.selectFrom('self_service_requests').select('status').where('id', '=', open).executeTakeFirstOrThrow()).status).toBe('cancelled');
    expect((await admin.patch('/api/v1/settings/self-service', { paused: true })).json()).toMatchObject({ paused: true });
    try {
      expectError(await p.client.post(`/api/v1/portal/devices/${d}/actions`, { action: 'restart' }), 409, 'SELF_SERVICE_PAUSED');
    } finally {
      await admin.patch('/api/v1/settings/self-service', { paused: false });
    }
    await sql`select 1`.execute(t.ctx.db);
  });
});
