import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, client, signInTechnician } from '../../test/client.ts';
import { makeTechnician, makeTenant, type Person, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;

beforeAll(async () => {
  fx = await makeTenant(t.ctx, { name: 'Acme IT' });
});

/** The code an authenticator app shows `offsetSteps` periods from now. */
function codeFor(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

async function enrol(c: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await c.post('/api/v1/me/totp/setup');
  expectStatus(setup, 200);
  const { secret } = setup.json<{ secret: string }>();
  const enabled = await c.post('/api/v1/me/totp/enable', { code: codeFor(secret) });
  expectStatus(enabled, 200);
  return { secret, recoveryCodes: enabled.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

const login = (person: Person, totp?: string) => client(t.app, fx.host).post('/api/v1/auth/login', { email: person.email, password: person.password, ...(totp !== undefined && { totp }) });

describe('TOTP enrolment (A-6)', () => {
  it('setup answers a secret, an otpauth URL naming the tenant and a QR code; enable needs a valid code', async () => {
    const tech = await makeTechnician(t.ctx, fx.tenant.id);
    const c = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    expectError(await c.post('/api/v1/me/totp/enable', { code: '123456' }), 400, 'TOTP_NOT_PENDING');
    const setup = await c.post('/api/v1/me/totp/setup');
    expectStatus(setup, 200);
    const body = setup.json<{ secret: string; otpauthUrl: string; qrSvg: string }>();
    expect(decodeURIComponent(body.otpauthUrl)).toContain('Porta (Acme IT)');
    expect(body.qrSvg).toContain('<svg');
    expectError(await c.post('/api/v1/me/totp/enable', { code: codeFor(body.secret, 5) }), 401, 'TOTP_INVALID');
    const enabled = await c.post('/api/v1/me/totp/enable', { code: codeFor(body.secret) });
    expectStatus(enabled, 200);
    const codes = enabled.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(codes).toHaveLength(10);
    expectError(await c.post('/api/v1/me/totp/setup'), 409, 'TOTP_ALREADY_ENABLED');
    const me = await c.get('/api/v1/me');
    expect(me.json<{ user: { totpEnabled: boolean } }>().user.totpEnabled).toBe(true);

    // Invariant 5: the seed is kept encrypted, recovery codes only as hashes.
    const row = await t.ctx.db.selectFrom('technicians').selectAll().where('id', '=', tech.id).executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toBeTruthy();
    expect(row.totp_secret_enc).not.toContain(body.secret);
    expect(row.totp_pending_enc).toBeNull();
    const stored = await t.ctx.db.selectFrom('technician_recovery_codes').select('code_hash').where('technician_id', '=', tech.id).execute();
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const code of codes) expect(dump).not.toContain(code);
  });
});

describe('sign-in with a second factor (A-6)', () => {
  let tech: Person;
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    tech = await makeTechnician(t.ctx, fx.tenant.id);
    ({ secret, recoveryCodes } = await enrol(await signInTechnician(t.app, fx.host, tech.email, tech.password)));
  });

  it('without a code: 401 TOTP_REQUIRED and no session', async () => {
    const res = await login(tech);
    expectError(res, 401, 'TOTP_REQUIRED');
    expect(res.cookies).toHaveLength(0);
  });

  it('a wrong password with any code is still INVALID_CREDENTIALS (the code is not checked first)', async () => {
    expectError(await login({ ...tech, password: 'wrong-password' }, codeFor(secret)), 401, 'INVALID_CREDENTIALS');
  });

  it('with a fresh code: signed in; the same code replayed is refused', async () => {
    // The enrolment used the current step; the authenticator's next code is newer.
    const code = codeFor(secret, 1);
    expectStatus(await login(tech, code), 200);
    expectError(await login(tech, code), 401, 'TOTP_INVALID');
    // An older step than the last one accepted is refused as well.
    expectError(await login(tech, codeFor(secret)), 401, 'TOTP_INVALID');
  });

  it('a recovery code works once, in any case', async () => {
    const code = recoveryCodes[0] ?? '';
    expectStatus(await login(tech, code.toUpperCase()), 200);
    expectError(await login(tech, code), 401, 'TOTP_INVALID');
    expectError(await login(tech, 'zzzzz-zzzzz'), 401, 'TOTP_INVALID');
  });

  it('disabling needs the password; afterwards the password alone signs in', async () => {
    const other = await makeTechnician(t.ctx, fx.tenant.id);
    const c = await signInTechnician(t.app, fx.host, other.email, other.password);
    const { secret: s } = await enrol(c);
    expectError(await c.post('/api/v1/me/totp/disable', { password: 'wrong-password' }), 400, 'PASSWORD_INCORRECT');
    expectError(await login(other), 401, 'TOTP_REQUIRED');
    expectStatus(await c.post('/api/v1/me/totp/disable', { password: other.password }), 200);
    expectStatus(await login(other), 200);
    expect(s).toBeTruthy();
    const left = await t.ctx.db.selectFrom('technician_recovery_codes').select('id').where('technician_id', '=', other.id).execute();
    expect(left).toHaveLength(0);
  });
});

describe('tenant-wide TOTP requirement (A-6)', () => {
  it('an un-enrolled technician may only reach their account and enrolment until enrolled', async () => {
    const tenant = await makeTenant(t.ctx);
    const tech = await makeTechnician(t.ctx, tenant.tenant.id);
    const admin = await signInTechnician(t.app, tenant.host, tenant.admin.email, tenant.admin.password);
    expectError(await (await signInTechnician(t.app, tenant.host, tech.email, tech.password)).patch('/api/v1/settings/security', { requireTotp: true }), 403, 'FORBIDDEN');
    const set = await admin.patch('/api/v1/settings/security', { requireTotp: true });
    expectStatus(set, 200);
    expect(set.json()).toEqual({ requireTotp: true });

    const c = await signInTechnician(t.app, tenant.host, tech.email, tech.password);
    const me = await c.get('/api/v1/me');
    expectStatus(me, 200);
    expect(me.json<{ user: { totpEnrolmentRequired: boolean; tenant: { requireTotp: boolean } } }>().user).toMatchObject({
      totpEnrolmentRequired: true,
      tenant: { requireTotp: true },
    });
    expectError(await c.get('/api/v1/customers'), 403, 'TOTP_ENROLMENT_REQUIRED');
    expectError(await c.post('/api/v1/customers', { name: 'Blocked' }), 403, 'TOTP_ENROLMENT_REQUIRED');
    // The admin who has not enrolled either is held to the same rule.
    expectError(await admin.get('/api/v1/settings/security'), 403, 'TOTP_ENROLMENT_REQUIRED');

    await enrol(c);
    expectStatus(await c.get('/api/v1/customers'), 200);
    expect((await c.get('/api/v1/me')).json<{ user: { totpEnrolmentRequired: boolean } }>().user.totpEnrolmentRequired).toBe(false);
  });
});
