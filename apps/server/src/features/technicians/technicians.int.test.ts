import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, client, signInTechnician } from '../../test/client.ts';
import { makeTechnician, makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;
let admin: Client;

interface Technician {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  language: string;
  totpEnabled: boolean;
}

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
});

describe('technicians, managed by admins', () => {
  it('an admin adds a technician who can then sign in; e-mail is stored lowercase and unique', async () => {
    const email = `New.Tech-${uniq()}@MSP.example.com`;
    const res = await admin.post('/api/v1/technicians', { name: 'New Tech', email, password: 'initial-password-1' });
    expectStatus(res, 201);
    expect(res.json<Technician>()).toMatchObject({ name: 'New Tech', email: email.toLowerCase(), isAdmin: false, language: 'en', totpEnabled: false });
    await signInTechnician(t.app, fx.host, email, 'initial-password-1');
    expectError(await admin.post('/api/v1/technicians', { name: 'Dup', email: email.toLowerCase(), password: 'initial-password-1' }), 409, 'EMAIL_TAKEN');
    const row = await t.ctx.db.selectFrom('technicians').select('password_hash').where('email', '=', email.toLowerCase()).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('lists, searches and reads technicians of the tenant only', async () => {
    const tech = await makeTechnician(t.ctx, fx.tenant.id);
    const list = await admin.get(`/api/v1/technicians?q=${encodeURIComponent(tech.email)}`);
    expectStatus(list, 200);
    expect(list.json<{ items: Technician[]; total: number }>()).toMatchObject({ total: 1, items: [{ id: tech.id }] });
    expectStatus(await admin.get(`/api/v1/technicians/${tech.id}`), 200);
    const other = await makeTenant(t.ctx);
    expectError(await admin.get(`/api/v1/technicians/${other.admin.id}`), 404, 'TECHNICIAN_NOT_FOUND');
  });

  it('a technician who is not an admin gets 403 FORBIDDEN on every technician route', async () => {
    const tech = await makeTechnician(t.ctx, fx.tenant.id);
    const c = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    expectError(await c.get('/api/v1/technicians'), 403, 'FORBIDDEN');
    expectError(await c.post('/api/v1/technicians', { name: 'x', email: `x-${uniq()}@msp.example.com`, password: 'initial-password-1' }), 403, 'FORBIDDEN');
    expectError(await c.patch(`/api/v1/technicians/${tech.id}`, { isAdmin: true }), 403, 'FORBIDDEN');
    expectError(await c.delete(`/api/v1/technicians/${fx.admin.id}`), 403, 'FORBIDDEN');
  });

  it('promotes and demotes; the last admin cannot be demoted: 409 LAST_ADMIN', async () => {
    const solo = await makeTenant(t.ctx);
    const soloAdmin = await signInTechnician(t.app, solo.host, solo.admin.email, solo.admin.password);
    expectError(await soloAdmin.patch(`/api/v1/technicians/${solo.admin.id}`, { isAdmin: false }), 409, 'LAST_ADMIN');
    const tech = await makeTechnician(t.ctx, solo.tenant.id);
    expect((await soloAdmin.patch(`/api/v1/technicians/${tech.id}`, { isAdmin: true })).json<Technician>().isAdmin).toBe(true);
    expect((await soloAdmin.patch(`/api/v1/technicians/${solo.admin.id}`, { isAdmin: false })).json<Technician>().isAdmin).toBe(false);
  });

  it('an admin cannot delete themselves (409 CANNOT_DELETE_SELF); deleting another ends their sessions', async () => {
    expectError(await admin.delete(`/api/v1/technicians/${fx.admin.id}`), 409, 'CANNOT_DELETE_SELF');
    const tech = await makeTechnician(t.ctx, fx.tenant.id);
    const c = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    expectStatus(await admin.delete(`/api/v1/technicians/${tech.id}`), 204);
    expectError(await c.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectError(await admin.get(`/api/v1/technicians/${tech.id}`), 404, 'TECHNICIAN_NOT_FOUND');
  });

  it('an admin resets a lost authenticator: the technician signs in with the password alone (A-6)', async () => {
    const tech = await makeTechnician(t.ctx, fx.tenant.id);
    await t.ctx.db.updateTable('technicians').set({ totp_secret_enc: 'v1.x.y.z', totp_enabled_at: new Date() }).where('id', '=', tech.id).execute();
    const login = () => client(t.app, fx.host).post('/api/v1/auth/login', { email: tech.email, password: tech.password });
    expectError(await login(), 401, 'TOTP_REQUIRED');
    const res = await admin.patch(`/api/v1/technicians/${tech.id}`, { resetTotp: true });
    expectStatus(res, 200);
    expect(res.json<Technician>().totpEnabled).toBe(false);
    expectStatus(await login(), 200);
  });
});
