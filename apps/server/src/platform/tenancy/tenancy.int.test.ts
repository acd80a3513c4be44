import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { client, signInTechnician } from '../../test/client.ts';
import { makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { gated, tick } from '../../test/gated.ts';
import { findDefaultTenant } from './default-tenant.repo.ts';
import { TenantResolver, type HostClaims } from './tenant-resolver.ts';

const t = useTestApp();
let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  a = await makeTenant(t.ctx, { name: 'Alpha MSP' });
  b = await makeTenant(t.ctx, { name: 'Beta MSP' });
});

describe('the tenant comes from the Host header (invariant 1, D-1)', () => {
  it('<slug>.localhost reaches that tenant, with any port and in any case', async () => {
    for (const host of [a.host, `${a.host}:3000`, a.host.toUpperCase()]) {
      const res = await client(t.app, host).get('/api/v1/tenant');
      expectStatus(res, 200);
      expect(res.json<{ slug: string }>().slug).toBe(a.tenant.slug);
    }
    expect((await client(t.app, b.host).get('/api/v1/tenant')).json<{ name: string }>().name).toBe('Beta MSP');
  });

  it('with several tenants, an unknown slug or a bare host reaches the default tenant, never another (#9 item 3)', async () => {
    // This run's shared database: nobody chose a default, so it is the first tenant created.
    const fallback = await findDefaultTenant(t.ctx.db);
    expect(fallback).toBeDefined();
    for (const host of ['no-such-tenant.localhost', 'localhost:3000', 'localhost']) {
      const res = await client(t.app, host).get('/api/v1/tenant');
      expectStatus(res, 200);
      expect(res.json<{ slug: string }>().slug).toBe(fallback?.slug);
    }
  });

  it('the body cannot name a tenant: unknown keys are refused and writes land in the Host’s tenant', async () => {
    const admin = await signInTechnician(t.app, a.host, a.admin.email, a.admin.password);
    const err = expectError(await admin.post('/api/v1/customers', { name: 'Sneaky', tenantId: b.tenant.id }), 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual([expect.objectContaining({ field: 'body', code: 'unrecognized_keys' })]);
    const created = await admin.post('/api/v1/customers', { name: 'Placed by host' });
    const row = await t.ctx.db.selectFrom('customers').select('tenant_id').where('id', '=', created.json<{ id: string }>().id).executeTakeFirstOrThrow();
    expect(row.tenant_id).toBe(a.tenant.id);
  });

  it("a session of one tenant is worthless on another tenant's host", async () => {
    const admin = await signInTechnician(t.app, a.host, a.admin.email, a.admin.password);
    const moved = client(t.app, b.host, { cookie: admin.cookie, csrfToken: admin.csrfToken });
    expectError(await moved.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectError(await moved.post('/api/v1/customers', { name: 'Cross' }), 401, 'UNAUTHENTICATED');
  });

  it("another tenant's objects are 404 by id and unchanged after a denied write (P-3)", async () => {
    const customer = await makeCustomer(t.ctx, a.tenant.id, { name: 'Alpha customer' });
    const bAdmin = await signInTechnician(t.app, b.host, b.admin.email, b.admin.password);
    expectError(await bAdmin.get(`/api/v1/customers/${customer.id}`), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await bAdmin.patch(`/api/v1/customers/${customer.id}`, { name: 'Hijacked' }), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await bAdmin.delete(`/api/v1/customers/${customer.id}`), 404, 'CUSTOMER_NOT_FOUND');
    const row = await t.ctx.db.selectFrom('customers').select(['name', 'tenant_id']).where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Alpha customer', tenant_id: a.tenant.id });
  });
});

describe('the host cache looks a host up once for the requests that miss it together (issue 16)', () => {
  /** A custom-domain claim that answers when told to, counting the lookups. */
  function gatedClaims(tenantId: () => string) {
    const gate = gated<void>();
    const claims: HostClaims = {
      claim: async () => {
        await gate.load();
        return { tenantId: tenantId(), withheld: false };
      },
    };
    return { claims, lookups: gate.started, answer: () => gate.release() };
  }

  it('50 requests for a host it does not hold cost one lookup, and all reach the tenant', async () => {
    const g = gatedClaims(() => a.tenant.id);
    const resolver = new TenantResolver(t.ctx.db, t.ctx.config, [g.claims]);
    const answers = Promise.all(Array.from({ length: 50 }, () => resolver.resolve('help.alpha.example')));
    await tick();
    g.answer();
    expect((await answers).every((r) => r?.id === a.tenant.id)).toBe(true);
    expect(g.lookups()).toBe(1);
    expect((await resolver.resolve('help.alpha.example'))?.id).toBe(a.tenant.id);
    expect(g.lookups()).toBe(1);
  });

  describe('an answer past its 10 s is served while one lookup refreshes it', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** Whether `p` has settled after one turn of the event loop. */
    async function settled(p: Promise<unknown>): Promise<boolean> {
      let done = false;
      void p.then(() => (done = true));
      await tick();
      return done;
    }

    async function warmResolver(owner: () => string) {
      vi.useFakeTimers({ toFake: ['Date'] });
      const g = gatedClaims(owner);
      const resolver = new TenantResolver(t.ctx.db, t.ctx.config, [g.claims]);
      const first = resolver.resolve('help.alpha.example');
      await tick();
      g.answer();
      expect((await first)?.id).toBe(a.tenant.id);
      return { g, resolver };
    }

    it('up to a minute past: the request waits for no lookup, and the next one sees what the refresh found', async () => {
      let owner = a.tenant.id;
      const { g, resolver } = await warmResolver(() => owner);
      owner = b.tenant.id;
      vi.setSystemTime(Date.now() + 11_000);
      const stale = resolver.resolve('help.alpha.example');
      expect(await settled(stale)).toBe(true);
      expect((await stale)?.id).toBe(a.tenant.id);
      const meanwhile = await Promise.all([resolver.resolve('help.alpha.example'), resolver.resolve('help.alpha.example')]);
      expect(meanwhile.map((r) => r?.id)).toEqual([a.tenant.id, a.tenant.id]);
      expect(g.lookups()).toBe(2);
      g.answer();
      await vi.waitFor(async () => expect((await resolver.resolve('help.alpha.example'))?.id).toBe(b.tenant.id));
      expect(g.lookups()).toBe(2);
    });

    it('more than a minute past, or after a tenant change, the request waits for the lookup', async () => {
      let owner = a.tenant.id;
      const { g, resolver } = await warmResolver(() => owner);
      owner = b.tenant.id;
      /** The request is not answered until the lookup is, and then with what the lookup found. */
      async function waitsForLookup(found: string) {
        const pending = resolver.resolve('help.alpha.example');
        expect(await settled(pending)).toBe(false);
        g.answer();
        expect((await pending)?.id).toBe(found);
      }
      vi.setSystemTime(Date.now() + 71_000);
      await waitsForLookup(b.tenant.id);

      owner = a.tenant.id;
      resolver.invalidate();
      await waitsForLookup(a.tenant.id);
      expect(g.lookups()).toBe(3);
    });
  });

  it('a lookup that overlapped a tenant change is answered but not kept: the next request looks again', async () => {
    const g = gatedClaims(() => a.tenant.id);
    const resolver = new TenantResolver(t.ctx.db, t.ctx.config, [g.claims]);
    const during = resolver.resolve('help.alpha.example');
    await tick();
    resolver.invalidate();
    g.answer();
    expect((await during)?.id).toBe(a.tenant.id);
    const next = resolver.resolve('help.alpha.example');
    await tick();
    g.answer();
    expect((await next)?.id).toBe(a.tenant.id);
    expect(g.lookups()).toBe(2);
  });
});
