import { translate } from '@porta/i18n/translate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTenants, readDefaultTenant, setDefaultTenant } from '../../features/tenants/default-tenant.service.ts';
import { startBanner } from '../../start-banner.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { client } from '../../test/client.ts';
import { type RunningDatabase, startIsolatedDatabase } from '../../test/database.ts';
import { makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp } from '../../test/harness.ts';
import { makeWebDist, SPA_MARKER } from '../../test/loopback-http.ts';
import { eventually } from '../../test/tickets.ts';
import { AppError } from '../errors.ts';
import { tenantUrl } from './tenant-address.ts';
import { TenantResolver } from './tenant-resolver.ts';

/**
 * #9 item 3: which tenant a host reaches. The default tenant is a platform setting, so this
 * file has a database of its own. PORTA_PUBLIC_URL is `http://portal.example.test:8443`.
 */
let db: RunningDatabase;
let t: TestApp & { close(): Promise<void> };
let web: ReturnType<typeof makeWebDist>;
let first: TenantFixture;
let second: TenantFixture;
const PUBLIC_URL = 'http://portal.example.test:8443';

beforeAll(async () => {
  db = await startIsolatedDatabase(sharedDatabase());
  web = makeWebDist();
  t = await createTestApp({ database: db.info, env: { PORTA_PUBLIC_URL: PUBLIC_URL, PORTA_WEB_DIST: web.dir } });
});

afterAll(async () => {
  await t?.close();
  await db?.stop();
  web?.remove();
});

async function slugAt(host: string): Promise<string | null> {
  const res = await client(t.app, host).get('/api/v1/tenant');
  if (res.statusCode === 404) return null;
  expectStatus(res, 200);
  return res.json<{ slug: string }>().slug;
}

const UNKNOWN_HOSTS = ['localhost:3000', 'localhost', '10.0.0.5', 'help.customer.example', 'no-such-tenant.localhost', 'portal.example.test:8443'];

describe('the default tenant (#9 item 3)', () => {
  it('before any tenant: no host reaches one, pages still load (first-run setup), the banner prints the set-up link', async () => {
    expect(await slugAt('localhost:3000')).toBeNull();
    const page = await client(t.app, 'localhost:3000').get('/console/setup');
    expectStatus(page, 200);
    expect(page.body).toContain(SPA_MARKER);
    expect(await readDefaultTenant(t.ctx)).toEqual({ slug: null, source: 'first' });
    expect(await startBanner(t.ctx, 3000, 'tok')).toContain(`${PUBLIC_URL}/console/setup?token=tok`);
  });

  it('the first tenant answers on every host that names no tenant, also once more tenants exist; slug hosts reach theirs', async () => {
    first = await makeTenant(t.ctx, { name: 'First MSP' });
    for (const host of UNKNOWN_HOSTS) expect(await slugAt(host)).toBe(first.tenant.slug);
    second = await makeTenant(t.ctx, { name: 'Second MSP' });
    for (const host of UNKNOWN_HOSTS) expect(await slugAt(host)).toBe(first.tenant.slug);
    expect(await slugAt(second.host)).toBe(second.tenant.slug);
    expect(await slugAt(`${second.host}:8443`)).toBe(second.tenant.slug);
    expect(await slugAt(first.host)).toBe(first.tenant.slug);
    expect(await readDefaultTenant(t.ctx)).toEqual({ slug: first.tenant.slug, source: 'first' });
  });

  it('links: the default tenant gets PORTA_PUBLIC_URL, the others <slug>.<PORTA_BASE_DOMAIN> with its scheme and port', async () => {
    expect(await tenantUrl(t.ctx, first.tenant)).toBe(PUBLIC_URL);
    expect(await tenantUrl(t.ctx, second.tenant)).toBe(`http://${second.tenant.slug}.localhost:8443`);
    const listed = await listTenants(t.ctx);
    expect(listed.map((r) => [r.slug, r.isDefault, r.url]).sort()).toEqual(
      [
        [first.tenant.slug, true, PUBLIC_URL],
        [second.tenant.slug, false, `http://${second.tenant.slug}.localhost:8443`],
      ].sort(),
    );
    expect(await startBanner(t.ctx, 8443, null)).toContain(`portal ${PUBLIC_URL}/  console ${PUBLIC_URL}/console`);
  });

  it('`tenant default <slug>` moves every unknown host to that tenant at once (the cache is emptied over the bus); links follow', async () => {
    // Warm the cache with the old answer first: the change must not wait for it to expire.
    expect(await slugAt('localhost:3000')).toBe(first.tenant.slug);
    expect(await setDefaultTenant(t.ctx, second.tenant.slug)).toEqual({ slug: second.tenant.slug, source: 'chosen' });
    for (const host of UNKNOWN_HOSTS) expect(await slugAt(host)).toBe(second.tenant.slug);
    expect(await slugAt(first.host)).toBe(first.tenant.slug);
    expect(await tenantUrl(t.ctx, second.tenant)).toBe(PUBLIC_URL);
    expect(await tenantUrl(t.ctx, first.tenant)).toBe(`http://${first.tenant.slug}.localhost:8443`);
    expect((await listTenants(t.ctx)).filter((r) => r.isDefault).map((r) => r.slug)).toEqual([second.tenant.slug]);
  });

  it('an unknown slug is refused and changes nothing', async () => {
    await expect(setDefaultTenant(t.ctx, 'no-such-tenant')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'TENANT_NOT_FOUND');
    expect(await readDefaultTenant(t.ctx)).toEqual({ slug: second.tenant.slug, source: 'chosen' });
    expect(await slugAt('localhost')).toBe(second.tenant.slug);
  });

  it('`tenant default none`: the API answers TENANT_NOT_FOUND and pages a neutral page naming no tenant; slug hosts still work', async () => {
    expect(await setDefaultTenant(t.ctx, 'none')).toEqual({ slug: null, source: 'none' });
    for (const host of UNKNOWN_HOSTS) {
      const err = expectError(await client(t.app, host).get('/api/v1/tenant', { 'accept-language': 'it' }), 404, 'TENANT_NOT_FOUND');
      expect(err.message).toBe(translate('it', 'errors', 'TENANT_NOT_FOUND'));
    }
    for (const path of ['/', '/console', '/tickets/42']) {
      const page = await client(t.app, 'localhost:3000').get(path, { 'accept-language': 'fr' });
      expect(page.statusCode).toBe(404);
      expect(String(page.headers['content-type'])).toContain('text/html');
      expect(page.body).toContain(translate('fr', 'common', 'noPortal.title'));
      expect(page.body).not.toContain(SPA_MARKER);
      for (const revealing of [first.tenant.slug, second.tenant.slug, 'First MSP', 'Second MSP']) expect(page.body).not.toContain(revealing);
    }
    const own = await client(t.app, second.host).get('/tickets/42');
    expectStatus(own, 200);
    expect(own.body).toContain(SPA_MARKER);
    expect(await slugAt(first.host)).toBe(first.tenant.slug);
    // Nobody's link is the public URL any more.
    expect(await tenantUrl(t.ctx, first.tenant)).toBe(`http://${first.tenant.slug}.localhost:8443`);
    expect(await tenantUrl(t.ctx, second.tenant)).toBe(`http://${second.tenant.slug}.localhost:8443`);
    expect((await listTenants(t.ctx)).some((r) => r.isDefault)).toBe(false);
    expect(await startBanner(t.ctx, 8443, null)).toContain('http://<slug>.localhost:8443/');
  });

  it('a host a tenant has claimed reaches it, ahead of the default tenant (the slot custom domains use)', async () => {
    await setDefaultTenant(t.ctx, first.tenant.slug);
    const claims = { claim: async (name: string) => ({ tenantId: name === 'help.second.example' ? second.tenant.id : null, withheld: false }) };
    const resolver = new TenantResolver(t.ctx.db, t.ctx.config, [claims]);
    expect((await resolver.resolve('help.second.example'))?.slug).toBe(second.tenant.slug);
    expect((await resolver.resolve('HELP.second.example:443'))?.slug).toBe(second.tenant.slug);
    expect((await resolver.resolve('other.example'))?.slug).toBe(first.tenant.slug);
    expect((await resolver.resolve(first.host))?.slug).toBe(first.tenant.slug);
  });

  // PGlite has one process per data dir, so one node.
  if (sharedDatabase().engine === 'postgres') it('on PostgreSQL another app node hears the change over the bus', async () => {
    const other = await createTestApp({ database: db.info, env: { PORTA_PUBLIC_URL: PUBLIC_URL } });
    try {
      const at = async (host: string) => (await client(other.app, host).get('/api/v1/tenant')).json<{ slug?: string }>().slug;
      expect(await at('localhost')).toBe(first.tenant.slug);
      await setDefaultTenant(t.ctx, second.tenant.slug);
      expect(await eventually(async () => (await at('localhost')) === second.tenant.slug)).toBe(true);
    } finally {
      await other.close();
    }
  });
});
