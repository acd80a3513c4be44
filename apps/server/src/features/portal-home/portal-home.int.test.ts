import type { PortalHome } from '@porta/contracts/portal-home';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { setKbSection, writeArticle } from '../../test/kb.ts';
import { openTicket, setStatus } from '../../test/tickets.ts';

/** #9 item 8: the portal home in one request, with a block per section the contact has. */
const t = useTestApp();

let fx: TenantFixture;
let admin: Client;
let acmeId: string;
let asAlice: Client;
let asPam: Client;
let asGina: Client;
let aliceOpen: string[];
let articles: { popular: string; second: string; limited: string; draft: string };

async function home(c: Client): Promise<PortalHome> {
  const res = await c.get('/api/v1/portal/home');
  expectStatus(res, 200);
  return res.json<PortalHome>();
}

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  const acme = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Acme' });
  acmeId = acme.id;
  const globex = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Globex' });
  const alice = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Alice' });
  const bob = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Bob' });
  const pam = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Pam', isPrimary: true });
  const gina = await makeContact(t.ctx, fx.tenant.id, globex.id, { firstName: 'Gina' });
  asAlice = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', alice.id);
  asPam = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', pam.id);
  asGina = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', gina.id);
  aliceOpen = [];
  for (let i = 1; i <= 7; i++) aliceOpen.push(await openTicket(t.ctx, fx.tenant.id, alice.id, { subject: `Alice ${i}` }));
  await setStatus(t.ctx, fx.tenant.id, aliceOpen[0] ?? '', 'pending');
  const resolved = await openTicket(t.ctx, fx.tenant.id, alice.id, { subject: 'Alice resolved' });
  await setStatus(t.ctx, fx.tenant.id, resolved, 'resolved');
  await openTicket(t.ctx, fx.tenant.id, bob.id, { subject: 'Bob open' });
  await openTicket(t.ctx, fx.tenant.id, gina.id, { subject: 'Gina open' });

  articles = {
    popular: await writeArticle(admin, { en: { title: 'Reset your password', body: 'Steps.' } }),
    second: await writeArticle(admin, { en: { title: 'Set up the VPN', body: 'Steps.' } }),
    limited: await writeArticle(admin, { en: { title: 'Globex only', body: 'Steps.' } }, { audience: { customerIds: [globex.id] } }),
    draft: await writeArticle(admin, { en: { title: 'Draft', body: 'Steps.' } }, { status: 'draft' }),
  };
  for (let i = 0; i < 3; i++) expectStatus(await asAlice.get(`/api/v1/portal/kb/articles/${articles.popular}`), 200);
  expectStatus(await asAlice.get(`/api/v1/portal/kb/articles/${articles.second}`), 200);
  for (let i = 0; i < 5; i++) expectStatus(await asGina.get(`/api/v1/portal/kb/articles/${articles.limited}`), 200);
});

describe('portal home (#9 item 8)', () => {
  it("counts the contact's own open tickets and lists the latest five, never a closed one or a colleague's", async () => {
    const h = await home(asAlice);
    expect(h.tickets?.openCount).toBe(7);
    expect(h.tickets?.companyOpenCount).toBeNull();
    expect(h.tickets?.latest.map((x) => x.subject)).toEqual(['Alice 7', 'Alice 6', 'Alice 5', 'Alice 4', 'Alice 3']);
    expect(JSON.stringify(h)).not.toContain('Alice resolved');
    expect(JSON.stringify(h)).not.toContain('Bob open');
  });

  it('a primary contact also gets the open count of their whole company, never another company', async () => {
    const h = await home(asPam);
    expect(h.tickets?.openCount).toBe(0);
    expect(h.tickets?.latest).toEqual([]);
    expect(h.tickets?.companyOpenCount).toBe(8);
  });

  it('lists the most-read articles the contact may read, most read first', async () => {
    expect((await home(asAlice)).kb?.mostRead.map((a) => a.id)).toEqual([articles.popular, articles.second]);
    expect((await home(asGina)).kb?.mostRead.map((a) => a.id)).toEqual([articles.limited, articles.popular, articles.second]);
  });

  it('leaves out the tickets block when the section is off, and statuses the portal hides', async () => {
    expectStatus(await admin.patch('/api/v1/settings/portal', { tickets: { visibleStatuses: ['open', 'resolved', 'closed'] } }), 200);
    expect((await home(asAlice)).tickets?.openCount).toBe(6);
    expectStatus(await admin.patch('/api/v1/settings/portal', { sections: { tickets: { mode: 'selected', customerIds: [acmeId] } } }), 200);
    expect((await home(asAlice)).tickets).toBeDefined();
    const gina = await home(asGina);
    expect(gina.tickets).toBeUndefined();
    expect(gina.kb).toBeDefined();
  });

  it('leaves out the KB block when the section is off; with both off the home is empty', async () => {
    await setKbSection(admin, 'selected', [acmeId]);
    expect((await home(asGina)).kb).toBeUndefined();
    expect(await home(asGina)).toEqual({});
    expect((await home(asAlice)).kb?.mostRead).toHaveLength(2);
    await setKbSection(admin, 'off');
    const alice = await home(asAlice);
    expect(alice.kb).toBeUndefined();
    expect(alice.tickets?.openCount).toBe(6);
  });
});
