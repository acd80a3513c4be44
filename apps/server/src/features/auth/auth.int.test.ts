import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../platform/crypto/tokens.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, client, randomIp, sessionCookieOf, signInTechnician } from '../../test/client.ts';
import { makeTechnician, makeTenant, type Person, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;
let tech: Person;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  tech = await makeTechnician(t.ctx, fx.tenant.id);
});

function tokenOf(c: Client): string {
  return (c.cookie ?? '').split('=')[1] ?? '';
}

async function sessionRow(c: Client) {
  return t.ctx.db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(tokenOf(c))).executeTakeFirst();
}

describe('technician sign-in (A-7)', () => {
  it('answers the user and a CSRF token and sets an HttpOnly, SameSite session cookie; the table keeps only its hash', async () => {
    const res = await client(t.app, fx.host).post('/api/v1/auth/login', { email: tech.email, password: tech.password });
    expectStatus(res, 200);
    const body = res.json<{ user: { id: string; email: string; isAdmin: boolean; tenant: { slug: string } }; csrfToken: string }>();
    expect(body.user).toMatchObject({ id: tech.id, email: tech.email, isAdmin: false, tenant: { slug: fx.tenant.slug } });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const cookie = res.cookies.find((c) => c.name === 'porta_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.domain).toBeUndefined();
    const hoursLeft = ((cookie?.expires?.getTime() ?? 0) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(23);
    expect(hoursLeft).toBeLessThanOrEqual(24);
    const rows = await t.ctx.db.selectFrom('sessions').selectAll().where('subject_id', '=', tech.id).execute();
    expect(rows.some((r) => r.token_hash === hashToken(cookie?.value ?? ''))).toBe(true);
    expect(rows.some((r) => r.token_hash === cookie?.value)).toBe(false);
  });

  it('takes the e-mail in any case', async () => {
    const c = await signInTechnician(t.app, fx.host, tech.email.toUpperCase(), tech.password);
    expectStatus(await c.get('/api/v1/me'), 200);
  });

  it('refuses a wrong password and an unknown e-mail with the same 401 INVALID_CREDENTIALS, setting no cookie', async () => {
    const wrong = await client(t.app, fx.host).post('/api/v1/auth/login', { email: tech.email, password: `${tech.password}x` });
    const unknown = await client(t.app, fx.host).post('/api/v1/auth/login', { email: 'nobody@msp.example.com', password: tech.password });
    const a = expectError(wrong, 401, 'INVALID_CREDENTIALS');
    const b = expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(a.message).toBe(b.message);
    expect(sessionCookieOf(wrong)).toBeNull();
  });

  it("refuses a technician's credentials on another tenant's host (invariant 1)", async () => {
    const other = await makeTenant(t.ctx);
    expectError(await client(t.app, other.host).post('/api/v1/auth/login', { email: tech.email, password: tech.password }), 401, 'INVALID_CREDENTIALS');
  });

  it('GET /api/v1/me answers the user and the same CSRF token; without a valid session 401 UNAUTHENTICATED', async () => {
    const c = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    const me = await c.get('/api/v1/me');
    expectStatus(me, 200);
    expect(me.json<{ csrfToken: string; user: { id: string } }>()).toMatchObject({ csrfToken: c.csrfToken, user: { id: tech.id } });
    expectError(await client(t.app, fx.host).get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectError(await client(t.app, fx.host, { cookie: 'porta_console=forged' }).get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });

  it("a new sign-in replaces the browser's previous session", async () => {
    const first = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    const res = await client(t.app, fx.host, { cookie: first.cookie }).post('/api/v1/auth/login', { email: tech.email, password: tech.password });
    expectStatus(res, 200);
    expect(await sessionRow(first)).toBeUndefined();
    expectError(await first.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('CSRF on cookie-authenticated unsafe methods (A-7, invariant 6)', () => {
  let c: Client;
  beforeAll(async () => {
    c = await signInTechnician(t.app, fx.host, tech.email, tech.password);
  });

  const countCustomers = async (name: string) =>
    (await t.ctx.db.selectFrom('customers').select('id').where('tenant_id', '=', fx.tenant.id).where('name', '=', name).execute()).length;

  it('refuses a POST without the x-csrf-token header with 403 CSRF_INVALID and writes nothing', async () => {
    expectError(await c.request('POST', '/api/v1/customers', { body: { name: 'No CSRF' }, noCsrf: true }), 403, 'CSRF_INVALID');
    expect(await countCustomers('No CSRF')).toBe(0);
  });

  it("refuses a wrong token and another session's token", async () => {
    const other = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectError(await c.request('POST', '/api/v1/customers', { body: { name: 'Bad CSRF' }, headers: { 'x-csrf-token': 'nope' } }), 403, 'CSRF_INVALID');
    expectError(await c.request('POST', '/api/v1/customers', { body: { name: 'Bad CSRF' }, headers: { 'x-csrf-token': other.csrfToken ?? '' } }), 403, 'CSRF_INVALID');
    expect(await countCustomers('Bad CSRF')).toBe(0);
  });

  it('checks PATCH and DELETE too, and lets GET through without a token', async () => {
    const created = await c.post('/api/v1/customers', { name: 'With CSRF' });
    expectStatus(created, 201);
    const id = created.json<{ id: string }>().id;
    expectError(await c.request('PATCH', `/api/v1/customers/${id}`, { body: { name: 'Renamed' }, noCsrf: true }), 403, 'CSRF_INVALID');
    expectError(await c.request('DELETE', `/api/v1/customers/${id}`, { noCsrf: true }), 403, 'CSRF_INVALID');
    const get = await c.get(`/api/v1/customers/${id}`);
    expectStatus(get, 200);
    expect(get.json<{ name: string }>().name).toBe('With CSRF');
  });
});

describe('logout (A-7)', () => {
  it('ends this session only, clears the cookie, and needs the CSRF token', async () => {
    const a = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    const b = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    expectError(await a.request('POST', '/api/v1/auth/logout', { noCsrf: true }), 403, 'CSRF_INVALID');
    expectStatus(await a.get('/api/v1/me'), 200);
    const out = await a.post('/api/v1/auth/logout');
    expectStatus(out, 200);
    expect(out.json()).toEqual({ ok: true });
    const cleared = out.cookies.find((k) => k.name === 'porta_console');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime() ?? 0).toBeLessThan(Date.now());
    expect(await sessionRow(a)).toBeUndefined();
    expectError(await a.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectStatus(await b.get('/api/v1/me'), 200);
  });

  it('"everywhere" ends every session of the technician, and no one else\'s', async () => {
    const a = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    const b = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await a.post('/api/v1/auth/logout', { everywhere: true }), 200);
    expectError(await a.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectError(await b.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectStatus(await admin.get('/api/v1/me'), 200);
  });
});

describe('idle and absolute expiry (A-7)', () => {
  it('a session unused for longer than the idle time is refused and deleted', async () => {
    const c = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    await sql`update sessions set last_seen_at = now() - interval '121 minutes' where token_hash = ${hashToken(tokenOf(c))}`.execute(t.ctx.db);
    expectError(await c.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expect(await sessionRow(c)).toBeUndefined();
  });

  it('a session past its absolute end is refused however recently used', async () => {
    const c = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    await sql`update sessions set expires_at = now() - interval '1 second', last_seen_at = now() where token_hash = ${hashToken(tokenOf(c))}`.execute(t.ctx.db);
    expectError(await c.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expect(await sessionRow(c)).toBeUndefined();
  });

  it('a request refreshes the idle clock (at most once a minute)', async () => {
    const c = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    await sql`update sessions set last_seen_at = now() - interval '100 minutes' where token_hash = ${hashToken(tokenOf(c))}`.execute(t.ctx.db);
    expectStatus(await c.get('/api/v1/me'), 200);
    const row = await sessionRow(c);
    expect(Date.now() - (row?.last_seen_at.getTime() ?? 0)).toBeLessThan(60_000);
  });
});

describe('my account', () => {
  it('changing the password needs the current one, keeps this session and ends the others', async () => {
    const person = await makeTechnician(t.ctx, fx.tenant.id);
    const a = await signInTechnician(t.app, fx.host, person.email, person.password);
    const b = await signInTechnician(t.app, fx.host, person.email, person.password);
    expectError(await a.post('/api/v1/me/password', { currentPassword: 'wrong-password', newPassword: 'a-new-password-1' }), 400, 'PASSWORD_INCORRECT');
    expectError(await a.post('/api/v1/me/password', { currentPassword: person.password, newPassword: 'short' }), 400, 'VALIDATION_FAILED');
    expectStatus(await a.post('/api/v1/me/password', { currentPassword: person.password, newPassword: 'a-new-password-1' }), 200);
    expectStatus(await a.get('/api/v1/me'), 200);
    expectError(await b.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectError(await client(t.app, fx.host).post('/api/v1/auth/login', { email: person.email, password: person.password }), 401, 'INVALID_CREDENTIALS');
    await signInTechnician(t.app, fx.host, person.email, 'a-new-password-1');
  });

  it('PATCH /api/v1/me saves name and language; errors then follow the saved language when the caller sends none', async () => {
    const person = await makeTechnician(t.ctx, fx.tenant.id);
    const c = await signInTechnician(t.app, fx.host, person.email, person.password);
    const res = await c.patch('/api/v1/me', { name: 'Giulia Bianchi', language: 'it' });
    expectStatus(res, 200);
    expect(res.json<{ user: { name: string; language: string } }>().user).toMatchObject({ name: 'Giulia Bianchi', language: 'it' });
    const err = expectError(await c.post('/api/v1/customers', { name: '' }), 400, 'VALIDATION_FAILED');
    expect(err.message).toBe('Alcune delle informazioni inviate non sono valide.');
    const en = expectError(await c.post('/api/v1/customers', { name: '' }, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED');
    expect(en.message).not.toBe(err.message);
  });
});

describe('HTTPS behind a trusted proxy (A-7, invariant 6)', () => {
  it('names the cookie __Host-…, marks it Secure, and sends HSTS', async () => {
    const proxied = await createTestApp({ env: { PORTA_TRUST_PROXY: '1' } });
    try {
      const https = { 'x-forwarded-proto': 'https' };
      const ip = randomIp();
      const res = await client(proxied.app, fx.host, { ip, headers: https }).post('/api/v1/auth/login', { email: tech.email, password: tech.password });
      expectStatus(res, 200);
      const cookie = res.cookies.find((k) => k.name === '__Host-porta_console');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
      expect(cookie?.domain).toBeUndefined();
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      const c = client(proxied.app, fx.host, { ip, headers: https, cookie: `__Host-porta_console=${cookie?.value ?? ''}` });
      expectStatus(await c.get('/api/v1/me'), 200);
      // Without the proxy's word the request is plain HTTP, where that cookie name means nothing.
      expectError(await client(proxied.app, fx.host, { cookie: `__Host-porta_console=${cookie?.value ?? ''}` }).get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    } finally {
      await proxied.close();
    }
  });

  it('ignores x-forwarded-proto when the proxy is not trusted', async () => {
    const res = await client(t.app, fx.host, { headers: { 'x-forwarded-proto': 'https' } }).post('/api/v1/auth/login', { email: tech.email, password: tech.password });
    expectStatus(res, 200);
    expect(res.cookies.map((k) => k.name)).toEqual(['porta_console']);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
