import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { client, sessionCookieOf } from '../../test/client.ts';
import { type RunningDatabase, startIsolatedDatabase } from '../../test/database.ts';
import { makeTenant } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp } from '../../test/harness.ts';
import { bootstrapFromEnv, prepareSetupToken, setupNeeded } from './setup.service.ts';

// First-run setup needs a database with no tenant at all: this file gets one of its own.
const TOKEN = 'setup-token-for-the-tests-0123456789';
let db: RunningDatabase;
let t: TestApp & { close(): Promise<void> };

beforeAll(async () => {
  db = await startIsolatedDatabase(sharedDatabase());
  t = await createTestApp({ database: db.info, env: { PORTA_SETUP_TOKEN: TOKEN } });
});

afterAll(async () => {
  await t?.close();
  await db?.stop();
});

const body = (over: Partial<{ token: string; slug: string }> = {}) => ({
  token: over.token ?? TOKEN,
  tenant: { slug: over.slug ?? 'acme', name: 'Acme IT' },
  admin: { name: 'Ada Admin', email: 'Ada@Acme.example.com', password: 'first-admin-password' },
});

describe('first-run setup', () => {
  it('before any tenant exists, status says setup is needed, on any host', async () => {
    for (const host of ['localhost:3000', 'whatever.example.com']) {
      const res = await client(t.app, host).get('/api/v1/setup/status');
      expectStatus(res, 200);
      expect(res.json()).toEqual({ needed: true });
    }
  });

  it('without a prepared token nothing can be set up: 403 SETUP_TOKEN_INVALID', async () => {
    expectError(await client(t.app, 'localhost').post('/api/v1/setup', body()), 403, 'SETUP_TOKEN_INVALID');
  });

  it('a wrong or missing token is refused and creates nothing', async () => {
    expect(await prepareSetupToken(t.ctx)).toBe(TOKEN);
    expectError(await client(t.app, 'localhost').post('/api/v1/setup', body({ token: 'not-the-token' })), 403, 'SETUP_TOKEN_INVALID');
    const { tenant, admin } = body();
    expectError(await client(t.app, 'localhost').post('/api/v1/setup', { tenant, admin }), 400, 'VALIDATION_FAILED');
    expect(await setupNeeded(t.ctx)).toBe(true);
  });

  it('a weak first-admin password (the admin\'s own name) is refused in the caller\'s language; nothing is created, the token stays (#9 item 4)', async () => {
    const weak = { ...body(), admin: { ...body().admin, password: 'AdaAdmin2024' } };
    const res = await client(t.app, 'localhost').post('/api/v1/setup', weak, { 'accept-language': 'fr' });
    const err = expectError(res, 400, 'PASSWORD_TOO_WEAK');
    expect(err.message).toContain('Choisissez');
    expect(err.details).toEqual([expect.objectContaining({ field: 'admin.password', code: 'password_weak' })]);
    expect(await setupNeeded(t.ctx)).toBe(true);
    expect(await t.ctx.db.selectFrom('instance_settings').select('key').where('key', '=', 'setup_token_hash').executeTakeFirst()).toBeDefined();
  });

  it('the right token creates the tenant and admin once, signs the admin in; a racing second request gets 409', async () => {
    const [r1, r2] = await Promise.all([
      client(t.app, 'localhost').post('/api/v1/setup', body({ slug: 'acme' })),
      client(t.app, 'localhost').post('/api/v1/setup', body({ slug: 'acme-two' })),
    ]);
    const ok = r1?.statusCode === 201 ? r1 : r2;
    const lost = ok === r1 ? r2 : r1;
    if (!ok || !lost) throw new Error('no responses');
    expectStatus(ok, 201);
    expectError(lost, 409, 'SETUP_ALREADY_DONE');
    const session = ok.json<{ user: { email: string; isAdmin: boolean; tenant: { slug: string } }; csrfToken: string }>();
    expect(session.user).toMatchObject({ email: 'ada@acme.example.com', isAdmin: true });
    const tenants = await t.ctx.db.selectFrom('tenants').select('slug').execute();
    expect(tenants).toEqual([{ slug: session.user.tenant.slug }]);

    const cookie = sessionCookieOf(ok);
    const me = await client(t.app, `${session.user.tenant.slug}.localhost`, { cookie }).get('/api/v1/me');
    expectStatus(me, 200);
    expect((await client(t.app, 'localhost').get('/api/v1/setup/status')).json()).toEqual({ needed: false });
    expectError(await client(t.app, 'localhost').post('/api/v1/setup', body({ slug: 'again' })), 409, 'SETUP_ALREADY_DONE');
    expect(await prepareSetupToken(t.ctx)).toBeNull();
  });

  it('a single-tenant install answers on any host (D-1)', async () => {
    t.tenants.invalidate();
    for (const host of ['localhost:3000', 'help.acme.example.com', 'unknown.localhost', '10.0.0.5']) {
      const res = await client(t.app, host).get('/api/v1/tenant');
      expectStatus(res, 200);
      expect(res.json<{ name: string }>().name).toBe('Acme IT');
    }
    const login = await client(t.app, 'localhost:3000').post('/api/v1/auth/login', { email: 'ada@acme.example.com', password: 'first-admin-password' });
    expectStatus(login, 200);
  });

  it('once a second tenant exists, a bare host still reaches the first tenant; slugs reach theirs (#9 item 3)', async () => {
    const second = await makeTenant(t.ctx);
    for (const host of ['localhost:3000', 'unknown.localhost']) {
      const res = await client(t.app, host).get('/api/v1/tenant');
      expectStatus(res, 200);
      expect(res.json<{ name: string }>().name).toBe('Acme IT');
    }
    const res = await client(t.app, second.host).get('/api/v1/tenant');
    expectStatus(res, 200);
    expect(res.json<{ slug: string }>().slug).toBe(second.tenant.slug);
  });

  it('PORTA_ADMIN_EMAIL does nothing once set up', async () => {
    const ctx = { ...t.ctx, config: { ...t.ctx.config, bootstrapAdmin: { email: 'boot@example.com', password: 'boot-password-1', slug: 'boot', name: 'Boot' } } };
    expect(await bootstrapFromEnv(ctx)).toBe(false);
  });
});

describe('non-interactive first start: PORTA_ADMIN_EMAIL + PORTA_ADMIN_PASSWORD', () => {
  it('a weak PORTA_ADMIN_PASSWORD stops the start with the reason, creating nothing (#9 item 4)', async () => {
    const fresh = await startIsolatedDatabase(sharedDatabase());
    const app = await createTestApp({ database: fresh.info, env: { PORTA_ADMIN_EMAIL: 'boot@example.com', PORTA_ADMIN_PASSWORD: 'password12', PORTA_TENANT_SLUG: 'boot' } });
    try {
      await expect(bootstrapFromEnv(app.ctx)).rejects.toThrow(/PORTA_ADMIN_PASSWORD: .*common/);
      expect(await setupNeeded(app.ctx)).toBe(true);
    } finally {
      await app.close();
      await fresh.stop();
    }
  });

  it('creates the tenant and admin on an empty database, once', async () => {
    const fresh = await startIsolatedDatabase(sharedDatabase());
    const app = await createTestApp({
      database: fresh.info,
      env: { PORTA_ADMIN_EMAIL: 'boot@example.com', PORTA_ADMIN_PASSWORD: 'boot-password-1', PORTA_TENANT_SLUG: 'boot', PORTA_TENANT_NAME: 'Boot MSP' },
    });
    try {
      expect(await bootstrapFromEnv(app.ctx)).toBe(true);
      expect(await bootstrapFromEnv(app.ctx)).toBe(false);
      const res = await client(app.app, 'boot.localhost').post('/api/v1/auth/login', { email: 'boot@example.com', password: 'boot-password-1' });
      expectStatus(res, 200);
      expect(res.json<{ user: { isAdmin: boolean; tenant: { name: string } } }>().user).toMatchObject({ isAdmin: true, tenant: { name: 'Boot MSP' } });
    } finally {
      await app.close();
      await fresh.stop();
    }
  });
});
