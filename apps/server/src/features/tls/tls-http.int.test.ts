import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../test/assertions.ts';
import { client, signInTechnician } from '../../test/client.ts';
import { makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { createHttpListener } from './http-listener.ts';
import { hostsToCertify, isServedHost, type CustomDomainSource } from './hosts-to-certify.ts';
import { deleteChallenge, putChallenge } from './tls.repo.ts';

const BASE = 'http.porta.test';
const t = useTestApp({ env: { PORTA_BASE_DOMAIN: BASE, PORTA_PUBLIC_URL: 'https://help.msp.example.com' } });
let tenant: TenantFixture;
let listener: http.Server;
let port: number;

function get(path: string, host: string, method = 'GET'): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  tenant = await makeTenant(t.ctx);
  listener = createHttpListener({ db: t.ctx.db, isServed: (host) => isServedHost(t.ctx, host), httpsPort: 8443 });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => listener.close(r));
});

describe('the HTTP listener (PORTA_TLS on)', () => {
  it('answers an ACME challenge from the database, whatever the Host', async () => {
    await putChallenge(t.ctx.db, 'tok_en-123', 'tok_en-123.thumbprint', `${tenant.tenant.slug}.${BASE}`);
    const res = await get('/.well-known/acme-challenge/tok_en-123', 'anything.example');
    expect(res).toMatchObject({ status: 200, body: 'tok_en-123.thumbprint' });
    await deleteChallenge(t.ctx.db, 'tok_en-123');
    expect((await get('/.well-known/acme-challenge/tok_en-123', 'anything.example')).status).toBe(404);
  });

  it('redirects a served host to HTTPS, keeping the path, 308 for unsafe methods', async () => {
    const host = `${tenant.tenant.slug}.${BASE}`;
    expect(await get('/console/tickets?x=1', `${host}:80`)).toMatchObject({ status: 301, location: `https://${host}:8443/console/tickets?x=1` });
    expect(await get('/api/v1/x', host.toUpperCase(), 'POST')).toMatchObject({ status: 308, location: `https://${host}:8443/api/v1/x` });
    expect(await get('/', 'help.msp.example.com')).toMatchObject({ status: 301, location: 'https://help.msp.example.com:8443/' });
  });

  it('never echoes an unknown or forged Host in a redirect', async () => {
    for (const host of ['evil.example.com', `nobody.${BASE}`, `a.${tenant.tenant.slug}.${BASE}`, 'evil.example.com/x', '']) {
      const res = await get('/portal', host);
      expect(res.status).toBe(404);
      expect(res.location).toBeUndefined();
      expect(res.body).not.toContain('evil');
    }
  });
});

describe('GET /api/v1/tls/allowed (PORTA_TLS=off, a reverse proxy asks)', () => {
  it('200 for the hosts Porta serves, 404 otherwise, with no tenant in the answer', async () => {
    const c = client(t.app, 'internal-porta:3000');
    for (const domain of [`${tenant.tenant.slug}.${BASE}`, `${tenant.tenant.slug.toUpperCase()}.${BASE}.`, 'help.msp.example.com']) {
      const res = await c.get(`/api/v1/tls/allowed?domain=${encodeURIComponent(domain)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ allowed: true });
      expect(res.body).not.toContain(tenant.tenant.id);
    }
    for (const domain of ['evil.example.com', `nobody.${BASE}`, BASE, `x.${tenant.tenant.slug}.${BASE}`, 'not a host']) {
      expectError(await c.get(`/api/v1/tls/allowed?domain=${encodeURIComponent(domain)}`), 404, 'NOT_FOUND');
    }
    expectError(await c.get('/api/v1/tls/allowed'), 400, 'VALIDATION_FAILED');
  });

  it('custom domains come in through the seam (verified ones only, as the source gives them)', async () => {
    const source: CustomDomainSource = async () => [{ host: 'Help.Customer.example', tenantId: tenant.tenant.id }];
    expect(await isServedHost(t.ctx, 'help.customer.example', source)).toBe(true);
    expect(await isServedHost(t.ctx, 'help.customer.example')).toBe(false);
    const hosts = await hostsToCertify(t.ctx, source);
    expect(hosts).toContainEqual({ host: 'help.customer.example', tenantId: tenant.tenant.id });
    expect(hosts).toContainEqual({ host: `${tenant.tenant.slug}.${BASE}`, tenantId: tenant.tenant.id });
  });
});

describe('GET /api/v1/settings/tls (the console card)', () => {
  it("lists the tenant's own hosts only, with their certificate state", async () => {
    const other = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, `${tenant.tenant.slug}.${BASE}`, tenant.admin.email, tenant.admin.password);
    const res = await admin.get('/api/v1/settings/tls');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { mode: string; hosts: { host: string; state: string }[] };
    expect(body.mode).toBe('off');
    // Its generated host (and the public URL's host when it is the default tenant), nobody else's.
    expect(body.hosts.map((h) => h.host)).toContain(`${tenant.tenant.slug}.${BASE}`);
    expect(body.hosts.every((h) => h.host === `${tenant.tenant.slug}.${BASE}` || h.host === 'help.msp.example.com')).toBe(true);
    expect(body.hosts.every((h) => h.state === 'none')).toBe(true);
    expect(JSON.stringify(body)).not.toContain(other.tenant.slug);
  });
});
