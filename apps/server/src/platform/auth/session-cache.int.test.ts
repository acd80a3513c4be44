import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signInContact, signInTechnician } from '../../test/client.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { makeContact, makeCustomer, makeTechnician, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp } from '../../test/harness.ts';

// Long enough that only an invalidation, never expiry, can explain a fresh read.
const CACHED = { PORTA_SESSION_CACHE_MS: '60000' };

describe('session cache: every change that matters applies at the next request (A-7, T-6, L-1)', () => {
  let node: TestApp & { close(): Promise<void> };
  let fx: TenantFixture;

  beforeAll(async () => {
    node = await createTestApp({ env: CACHED });
    fx = await makeTenant(node.ctx);
  });
  afterAll(async () => node?.close());

  it('sign-out everywhere ends a session the cache already holds', async () => {
    const first = await signInTechnician(node.app, fx.host, fx.admin.email, fx.admin.password);
    const second = await signInTechnician(node.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await first.get('/api/v1/me'), 200);
    expectStatus(await second.post('/api/v1/auth/logout', { everywhere: true }), 200);
    expectError(await first.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });

  it('an admin who loses admin rights is refused admin routes at once', async () => {
    const other = await makeTechnician(node.ctx, fx.tenant.id, { isAdmin: true });
    const c = await signInTechnician(node.app, fx.host, other.email, other.password);
    expectStatus(await c.get('/api/v1/technicians'), 200);
    const admin = await signInTechnician(node.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch(`/api/v1/technicians/${other.id}`, { isAdmin: false }), 200);
    expectError(await c.get('/api/v1/technicians'), 403, 'FORBIDDEN');
  });

  it("a contact's new language governs the very next answer", async () => {
    const customer = await makeCustomer(node.ctx, fx.tenant.id);
    const person = await makeContact(node.ctx, fx.tenant.id, customer.id);
    const c = await signInContact(node.app, fx.host, person.username, person.password);
    expect(c.csrfToken).toBeTruthy();
    expectStatus(await c.get('/api/v1/portal/me'), 200);
    expectStatus(await c.patch('/api/v1/portal/me', { language: 'it' }), 200);
    const refused = await c.post('/api/v1/portal/me/password', { currentPassword: 'not-the-password', newPassword: 'another-long-password' });
    expect(refused.json<{ error: { message: string } }>().error.message).toBe('La password attuale non è corretta.');
  });

  it('switching the Ticketing section off hides it from a signed-in contact at once (T-2)', async () => {
    const customer = await makeCustomer(node.ctx, fx.tenant.id);
    const person = await makeContact(node.ctx, fx.tenant.id, customer.id);
    const c = await signInContact(node.app, fx.host, person.username, person.password);
    expectStatus(await c.get('/api/v1/portal/tickets'), 200);
    const admin = await signInTechnician(node.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/portal', { sections: { tickets: { mode: 'off', customerIds: [] } } }), 200);
    expectError(await c.get('/api/v1/portal/tickets'), 404, 'NOT_FOUND');
    expect((await c.get('/api/v1/portal/me')).json<{ sections: { tickets: boolean } }>().sections.tickets).toBe(false);
  });
});

// Two nodes share a database only on PostgreSQL (one process owns a PGlite data directory).
if (sharedDatabase().engine === 'postgres') describe('session cache across two app nodes on PostgreSQL (P-1)', () => {
  let a: TestApp & { close(): Promise<void> };
  let b: TestApp & { close(): Promise<void> };
  let fx: TenantFixture;

  beforeAll(async () => {
    a = await createTestApp({ env: CACHED });
    b = await createTestApp({ env: CACHED });
    fx = await makeTenant(a.ctx);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('sign-out on node A ends the session node B has cached', async () => {
    const onA = await signInTechnician(a.app, fx.host, fx.admin.email, fx.admin.password);
    const onB = client(b.app, fx.host, { cookie: onA.cookie, csrfToken: onA.csrfToken });
    expectStatus(await onB.get('/api/v1/me'), 200);
    expectStatus(await onA.post('/api/v1/auth/logout', { everywhere: true }), 200);
    // NOTIFY is delivered after the commit, asynchronously: allow it a moment.
    await expect.poll(async () => (await onB.get('/api/v1/me')).statusCode, { timeout: 3000, interval: 50 }).toBe(401);
  });
});
