import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../platform/crypto/tokens.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, client, signInTechnician } from '../../test/client.ts';
import { makeTechnician, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { openEventStream } from '../../test/sse.ts';
import { useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;
let admin: Client;

interface Created {
  apiKey: { id: string; name: string; scope: string; prefix: string; revokedAt: string | null; lastUsedAt: string | null };
  secret: string;
}

async function createKey(scope: 'read' | 'write', name = `key ${scope}`): Promise<Created> {
  const res = await admin.post('/api/v1/api-keys', { name, scope });
  expectStatus(res, 201);
  return res.json<Created>();
}

const withKey = (secret: string, host = fx.host) => client(t.app, host, { bearer: secret });

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
});

describe('API keys (A-6)', () => {
  it('the secret is shown once at creation and stored only as a hash', async () => {
    const { apiKey, secret } = await createKey('read', 'Billing sync');
    expect(secret).toMatch(/^porta_[\w-]{40}$/);
    expect(apiKey).toMatchObject({ name: 'Billing sync', scope: 'read', prefix: secret.slice(0, 12), revokedAt: null });
    const list = await admin.get('/api/v1/api-keys');
    expectStatus(list, 200);
    expect(list.body).not.toContain(secret);
    expect(list.json<{ items: { id: string }[] }>().items.map((k) => k.id)).toContain(apiKey.id);
    const row = await t.ctx.db.selectFrom('api_keys').selectAll().where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('a read-only key reads but may not write: 403 API_KEY_READ_ONLY and nothing written', async () => {
    const { secret } = await createKey('read');
    expectStatus(await withKey(secret).get('/api/v1/customers'), 200);
    expectError(await withKey(secret).post('/api/v1/customers', { name: 'Via read key' }), 403, 'API_KEY_READ_ONLY');
    const rows = await t.ctx.db.selectFrom('customers').select('id').where('tenant_id', '=', fx.tenant.id).where('name', '=', 'Via read key').execute();
    expect(rows).toHaveLength(0);
  });

  it('a read-write key writes without any CSRF token, and its use is recorded', async () => {
    const { apiKey, secret } = await createKey('write');
    const res = await withKey(secret).post('/api/v1/customers', { name: 'Via write key' });
    expectStatus(res, 201);
    const row = await t.ctx.db.selectFrom('api_keys').select('last_used_at').where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it('a revoked key is refused with 401', async () => {
    const { apiKey, secret } = await createKey('write');
    expectStatus(await withKey(secret).get('/api/v1/customers'), 200);
    const revoked = await admin.delete(`/api/v1/api-keys/${apiKey.id}`);
    expectStatus(revoked, 200);
    expect(revoked.json<{ revokedAt: string | null }>().revokedAt).not.toBeNull();
    expectError(await withKey(secret).get('/api/v1/customers'), 401, 'UNAUTHENTICATED');
  });

  it("a key works only on its own tenant's host, and a wrong key is 401 even beside a valid cookie", async () => {
    const { secret } = await createKey('read');
    const other = await makeTenant(t.ctx);
    expectError(await withKey(secret, other.host).get('/api/v1/customers'), 401, 'UNAUTHENTICATED');
    expectError(await client(t.app, fx.host, { bearer: 'porta_not-a-key', cookie: admin.cookie }).get('/api/v1/customers'), 401, 'UNAUTHENTICATED');
  });

  it('keys cannot manage keys or personal settings; only signed-in admins can', async () => {
    const { apiKey, secret } = await createKey('write');
    expectError(await withKey(secret).get('/api/v1/api-keys'), 401, 'UNAUTHENTICATED');
    expectError(await withKey(secret).post('/api/v1/api-keys', { name: 'x', scope: 'write' }), 401, 'UNAUTHENTICATED');
    expectError(await withKey(secret).delete(`/api/v1/api-keys/${apiKey.id}`), 401, 'UNAUTHENTICATED');
    expectError(await withKey(secret).post('/api/v1/me/password', { currentPassword: 'x', newPassword: 'long-enough-1' }), 401, 'UNAUTHENTICATED');
    const tech = await makeTechnician(t.ctx, fx.tenant.id);
    const c = await signInTechnician(t.app, fx.host, tech.email, tech.password);
    expectError(await c.post('/api/v1/api-keys', { name: 'x', scope: 'read' }), 403, 'FORBIDDEN');
    expectError(await c.get('/api/v1/api-keys'), 403, 'FORBIDDEN');
  });

  it('revoking an unknown key or another tenant’s key is 404 API_KEY_NOT_FOUND', async () => {
    const other = await makeTenant(t.ctx);
    const otherAdmin = await signInTechnician(t.app, other.host, other.admin.email, other.admin.password);
    const { apiKey, secret } = await createKey('read');
    expectError(await otherAdmin.delete(`/api/v1/api-keys/${apiKey.id}`), 404, 'API_KEY_NOT_FOUND');
    expectStatus(await withKey(secret).get('/api/v1/customers'), 200);
    expectError(await admin.delete('/api/v1/api-keys/00000000-0000-4000-8000-000000000000'), 404, 'API_KEY_NOT_FOUND');
  });

  it('a live stream opened with a key ends, signed-out, as soon as the key is revoked', async () => {
    const { apiKey, secret } = await createKey('read', 'stream');
    const s = await openEventStream(t.app, withKey(secret), '/api/v1/tickets/events', { authorization: `Bearer ${secret}` });
    try {
      expect(s.statusCode).toBe(200);
      expectStatus(await admin.delete(`/api/v1/api-keys/${apiKey.id}`), 200);
      await s.ended();
      expect(s.events.map((e) => e.event)).toContain('signed-out');
    } finally {
      s.close();
    }
  });
});
