import type { CustomDomain, CustomDomainList } from '@porta/contracts/custom-domains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../platform/events/bus.ts';
import { tenantUrl } from '../../platform/tenancy/tenant-address.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { client, mintSession } from '../../test/client.ts';
import { type LoopbackDns, startLoopbackDns } from '../../test/dns-server.ts';
import { makeTenant, uniq } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { recheckAllDomains } from './custom-domains.service.ts';

/**
 * D-2 against a real DNS server on loopback (dns2): the resolver is pointed at it with
 * PORTA_DNS_SERVERS, exactly as an operator would point Porta at their own resolver.
 */
let dns: LoopbackDns;
const env: Record<string, string> = { PORTA_DOMAIN_FAILURES_ALLOWED: '2' };
beforeAll(async () => {
  dns = await startLoopbackDns();
  env.PORTA_DNS_SERVERS = dns.server;
});
afterAll(async () => {
  await dns?.close();
});
const t = useTestApp({ env });

const BASE = '/api/v1/settings/portal/domains';

async function tenantWithAdmin() {
  const fx = await makeTenant(t.ctx);
  const admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  // The generated host has an address of its own, as it would behind the operator's wildcard record.
  dns.zone.set(fx.host, { a: ['192.0.2.10'], aaaa: ['2001:db8::10'] });
  return { fx, admin };
}

function domainName(prefix = 'help'): string {
  return `${prefix}-${uniq()}.acme-it.com`;
}

async function add(admin: Awaited<ReturnType<typeof tenantWithAdmin>>['admin'], name: string): Promise<CustomDomain> {
  const res = await admin.post(BASE, { name });
  expectStatus(res, 200);
  return res.json<CustomDomain>();
}

function captureBus(): { events: BusMessage[]; stop: () => void } {
  const events: BusMessage[] = [];
  const stop = t.ctx.bus.subscribe((m) => {
    if (m.topic === 'tenant.domains.changed') events.push(m);
  });
  return { events, stop };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('custom domains (D-2)', () => {
  it('a CNAME to the generated host verifies the domain, which then routes to the tenant and becomes its address', async () => {
    const { fx, admin } = await tenantWithAdmin();
    const name = domainName();
    const pending = await add(admin, name.toUpperCase());
    expect(pending).toMatchObject({ name, state: 'failed', failureReason: 'no_record', record: { type: 'CNAME', name, target: fx.host } });
    const listed = (await admin.get(BASE)).json<CustomDomainList>();
    expect(listed.target).toBe(fx.host);
    expect(listed.domains.map((d) => d.name)).toEqual([name]);
    // Not verified: the host answers the neutral page, not the default tenant.
    expect((await client(t.app, name).get('/api/v1/tenant')).statusCode).toBe(421);
    // Nor does it get a certificate: Caddy's on-demand TLS asks /api/v1/tls/allowed (D-3).
    const allowed = () => client(t.app, fx.host).get(`/api/v1/tls/allowed?domain=${name}`);
    expect((await allowed()).statusCode).toBe(404);

    dns.zone.set(name, { cname: fx.host });
    const bus = captureBus();
    const checked = await admin.post(`${BASE}/${pending.id}/check`);
    expectStatus(checked, 200);
    expect(checked.json<CustomDomain>()).toMatchObject({ state: 'verified', failureReason: null });
    await waitFor(() => bus.events.length > 0);
    bus.stop();
    expect(bus.events).toContainEqual({ topic: 'tenant.domains.changed', tenantId: fx.tenant.id, domain: name, change: 'verified' });

    const answer = await client(t.app, `${name}:443`).get('/api/v1/tenant');
    expectStatus(answer, 200);
    expect(answer.json<{ slug: string }>().slug).toBe(fx.tenant.slug);
    expect(await tenantUrl(t.ctx, fx.tenant)).toBe(`http://${name}:3000`);
    expectStatus(await allowed(), 200);
  });

  it('A/AAAA records equal to the generated host’s verify; addresses elsewhere fail with wrong_target', async () => {
    const { fx, admin } = await tenantWithAdmin();
    const flat = domainName('flat');
    dns.zone.set(flat, { a: ['192.0.2.10'], aaaa: ['2001:db8::10'] });
    expect(await add(admin, flat)).toMatchObject({ state: 'verified' });
    const wrong = domainName('wrong');
    dns.zone.set(wrong, { a: ['198.51.100.7'] });
    expect(await add(admin, wrong)).toMatchObject({ state: 'failed', failureReason: 'wrong_target' });
    const elsewhere = domainName('elsewhere');
    dns.zone.set(elsewhere, { cname: 'portal.other-provider.example' });
    expect(await add(admin, elsewhere)).toMatchObject({ state: 'failed', failureReason: 'wrong_target' });
    expect((await client(t.app, wrong).get('/api/v1/tenant')).statusCode).toBe(421);
    expect((await client(t.app, flat).get('/api/v1/tenant')).json<{ slug: string }>().slug).toBe(fx.tenant.slug);
  });

  it('a DNS server that fails to answer is dns_error, not a verdict on the record', async () => {
    const { admin } = await tenantWithAdmin();
    dns.failing = true;
    try {
      expect(await add(admin, domainName())).toMatchObject({ state: 'failed', failureReason: 'dns_error' });
    } finally {
      dns.failing = false;
    }
  });

  it('refuses apex domains, invalid names, the base domain, IP addresses, with a localised reason and nothing stored', async () => {
    const { fx, admin } = await tenantWithAdmin();
    const apex = expectError(await admin.request('POST', BASE, { body: { name: 'acme-it.com' }, headers: { 'accept-language': 'fr' } }), 400, 'CUSTOM_DOMAIN_APEX');
    expect(apex.message).toContain('CNAME');
    expectError(await admin.post(BASE, { name: 'https://help.acme-it.com/x' }), 400, 'CUSTOM_DOMAIN_INVALID');
    expectError(await admin.post(BASE, { name: '*.acme-it.com' }), 400, 'CUSTOM_DOMAIN_INVALID');
    expectError(await admin.post(BASE, { name: `other.localhost` }), 400, 'CUSTOM_DOMAIN_RESERVED');
    expectError(await admin.post(BASE, { name: '203.0.113.9' }), 400, 'CUSTOM_DOMAIN_RESERVED');
    expectError(await admin.post(BASE, { name: '' }), 400, 'VALIDATION_FAILED');
    const rows = await t.ctx.db.selectFrom('tenant_domains').select('id').where('tenant_id', '=', fx.tenant.id).execute();
    expect(rows).toEqual([]);
  });

  it('a domain belongs to one tenant at most, whatever its case; once removed, another may claim it', async () => {
    const a = await tenantWithAdmin();
    const b = await tenantWithAdmin();
    const name = domainName();
    const mine = await add(a.admin, name);
    expectError(await b.admin.post(BASE, { name: name.toUpperCase() }), 409, 'CUSTOM_DOMAIN_TAKEN');
    expectError(await a.admin.post(BASE, { name }), 409, 'CUSTOM_DOMAIN_TAKEN');
    expectStatus(await a.admin.delete(`${BASE}/${mine.id}`), 200);
    expect(await add(b.admin, name)).toMatchObject({ name });
  });

  it('removal: the host answers the neutral page on every path, in the caller’s language, naming no tenant', async () => {
    const { fx, admin } = await tenantWithAdmin();
    const name = domainName();
    dns.zone.set(name, { cname: fx.host });
    const domain = await add(admin, name);
    expect(domain.state).toBe('verified');
    const bus = captureBus();
    expectStatus(await admin.delete(`${BASE}/${domain.id}`), 200);
    await waitFor(() => bus.events.length > 0);
    bus.stop();
    expect(bus.events).toContainEqual({ topic: 'tenant.domains.changed', tenantId: fx.tenant.id, domain: name, change: 'removed' });
    expectError(await admin.delete(`${BASE}/${domain.id}`), 404, 'CUSTOM_DOMAIN_NOT_FOUND');
    expect((await client(t.app, fx.host).get(`/api/v1/tls/allowed?domain=${name}`)).statusCode).toBe(404);
    expect((await admin.get(BASE)).json<CustomDomainList>().domains).toEqual([]);
    for (const path of ['/', '/console', '/api/v1/tenant', '/api/v1/auth/login', '/assets/index.js', '/healthz']) {
      const res = await client(t.app, name).get(path, { 'accept-language': 'de-CH,de;q=0.9' });
      expect(res.statusCode, path).toBe(421);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('lang="de"');
      expect(res.body).not.toContain(fx.tenant.slug);
      expect(res.body).not.toContain(fx.tenant.name);
      expect(res.body).not.toMatch(/<script|<link|src=/);
    }
    expect(await tenantUrl(t.ctx, fx.tenant)).toBe(`http://${fx.host}:3000`);
  });

  it('the periodic re-check verifies pending domains and fails a verified one only after the grace period', async () => {
    const { fx, admin } = await tenantWithAdmin();
    const late = domainName('late');
    const steady = domainName('steady');
    expect(await add(admin, late)).toMatchObject({ state: 'failed' });
    dns.zone.set(steady, { cname: fx.host });
    const verified = await add(admin, steady);
    expect(verified.state).toBe('verified');

    dns.zone.set(late, { cname: fx.host });
    dns.zone.delete(steady);
    await recheckAllDomains(t.ctx);
    const byName = async () => new Map((await admin.get(BASE)).json<CustomDomainList>().domains.map((d) => [d.name, d]));
    let now = await byName();
    expect(now.get(late)).toMatchObject({ state: 'verified' });
    // One failure of two allowed: still verified, still routing, the reason shown.
    expect(now.get(steady)).toMatchObject({ state: 'verified', failureReason: 'no_record' });
    expect((await client(t.app, steady).get('/api/v1/tenant')).statusCode).toBe(200);

    await recheckAllDomains(t.ctx);
    now = await byName();
    expect(now.get(steady)).toMatchObject({ state: 'failed', failureReason: 'no_record' });
    t.tenants.invalidate();
    expect((await client(t.app, steady).get('/api/v1/tenant')).statusCode).toBe(421);

    // The record is back: the next check verifies it again.
    dns.zone.set(steady, { cname: fx.host });
    await recheckAllDomains(t.ctx);
    expect((await byName()).get(steady)).toMatchObject({ state: 'verified', failureReason: null });
  });

  it('admins only; another tenant’s domain is not found and stays unchanged', async () => {
    const a = await tenantWithAdmin();
    const b = await tenantWithAdmin();
    const domain = await add(a.admin, domainName());
    for (const res of [await b.admin.post(`${BASE}/${domain.id}/check`), await b.admin.delete(`${BASE}/${domain.id}`)]) expectError(res, 404, 'CUSTOM_DOMAIN_NOT_FOUND');
    expect((await a.admin.get(BASE)).json<CustomDomainList>().domains).toHaveLength(1);
  });
});
