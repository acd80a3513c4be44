import type { KbArticle, PortalKbArticle, PortalKbItem } from '@porta/contracts/kb';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession, signInContact } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { itemIds, setKbSection, writeArticle } from '../../test/kb.ts';

const t = useTestApp();

let fx: TenantFixture;
let admin: Client;
let acme: { id: string };
let globex: { id: string };
/** alice (Acme, Italian), bob (Acme, German), gina (Globex, English). */
let alice: Client;
let bob: Client;
let gina: Client;
let cat: string;
const a = {} as Record<'both' | 'enOnly' | 'frOnly' | 'draft' | 'acmeOnly', string>;

const PORTAL = '/api/v1/portal/kb';
const vote = (c: Client, id: string, helpful: boolean) => c.request('PUT', `${PORTAL}/articles/${id}/vote`, { body: { helpful } });

beforeAll(async () => {
  fx = await makeTenant(t.ctx); // default language: English
  admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  acme = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Acme' });
  globex = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Globex' });
  const al = await makeContact(t.ctx, fx.tenant.id, acme.id, { language: 'it' });
  alice = await signInContact(t.app, fx.host, al.username, al.password);
  bob = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', (await makeContact(t.ctx, fx.tenant.id, acme.id, { language: 'de' })).id);
  gina = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', (await makeContact(t.ctx, fx.tenant.id, globex.id)).id);
  cat = (await admin.post('/api/v1/kb/categories', { names: { en: 'Printing', it: 'Stampa' } })).json<{ id: string }>().id;
  a.both = await writeArticle(admin, { en: { title: 'Printer jams', body: 'Open tray 2.' }, it: { title: 'Inceppamento stampante', body: 'Apri il cassetto 2.' } }, { categoryId: cat });
  a.enOnly = await writeArticle(admin, { en: { title: 'Printer toner low', body: 'Order toner cartridges.' } }, { categoryId: cat });
  a.frOnly = await writeArticle(admin, { fr: { title: 'Imprimante lente', body: 'Pilote.' } }, { categoryId: cat });
  a.draft = await writeArticle(admin, { en: { title: 'Printer draft', body: 'Not yet.' }, it: { title: 'Bozza stampante', body: 'Non ancora.' } }, { status: 'draft', categoryId: cat });
  a.acmeOnly = await writeArticle(admin, { en: { title: 'Acme printer fleet', body: 'Acme printers are leased.' }, it: { title: 'Stampanti Acme', body: 'Noleggio.' } }, { categoryId: cat, audience: { customerIds: [acme.id] } });
});

describe('portal KB: languages (KB-1)', () => {
  it('shows the contact language, else the tenant default language and says so', async () => {
    const res = await alice.get(`${PORTAL}/articles?categoryId=${cat}`);
    expectStatus(res, 200);
    const items = res.json<{ items: PortalKbItem[] }>().items;
    expect(items.find((i) => i.id === a.both)).toMatchObject({ title: 'Inceppamento stampante', language: 'it', fallback: false });
    expect(items.find((i) => i.id === a.enOnly)).toMatchObject({ title: 'Printer toner low', language: 'en', fallback: true });
    const article = (await alice.get(`${PORTAL}/articles/${a.enOnly}`)).json<PortalKbArticle>();
    expect(article).toMatchObject({ language: 'en', requestedLanguage: 'it', fallback: true, category: { id: cat, name: 'Stampa' } });
  });

  it('an article in neither language is not shown', async () => {
    expect(itemIds(await alice.get(`${PORTAL}/articles?categoryId=${cat}`))).not.toContain(a.frOnly);
    expectError(await alice.get(`${PORTAL}/articles/${a.frOnly}`), 404, 'KB_ARTICLE_NOT_FOUND');
  });

  it('drafts are never shown, listed or found', async () => {
    expect(itemIds(await alice.get(`${PORTAL}/articles?categoryId=${cat}`))).not.toContain(a.draft);
    expect(itemIds(await alice.get(`${PORTAL}/articles?q=bozza`))).toEqual([]);
    expectError(await alice.get(`${PORTAL}/articles/${a.draft}`), 404, 'KB_ARTICLE_NOT_FOUND');
  });

  it('categories list what the contact may read, named in their language', async () => {
    const res = await alice.get(`${PORTAL}/categories`);
    expect(res.json()).toEqual({ items: [{ id: cat, name: 'Stampa', articleCount: 3 }] });
    expect((await gina.get(`${PORTAL}/categories`)).json()).toEqual({ items: [{ id: cat, name: 'Printing', articleCount: 2 }] });
  });
});

describe('portal KB: article audience (KB-2 beyond)', () => {
  it('a customer outside the audience never sees it in lists, search or by direct link', async () => {
    expect(itemIds(await alice.get(`${PORTAL}/articles?categoryId=${cat}`))).toContain(a.acmeOnly);
    expect(itemIds(await alice.get(`${PORTAL}/articles?q=stampanti`))).toContain(a.acmeOnly);
    expectStatus(await alice.get(`${PORTAL}/articles/${a.acmeOnly}`), 200);
    expect(itemIds(await gina.get(`${PORTAL}/articles?categoryId=${cat}`))).not.toContain(a.acmeOnly);
    expect(itemIds(await gina.get(`${PORTAL}/articles?sort=popular`))).not.toContain(a.acmeOnly);
    expect(itemIds(await gina.get(`${PORTAL}/articles?q=acme printer fleet`))).not.toContain(a.acmeOnly);
    expect(itemIds(await gina.get(`${PORTAL}/articles?q=fleet`))).toEqual([]);
    expectError(await gina.get(`${PORTAL}/articles/${a.acmeOnly}`), 404, 'KB_ARTICLE_NOT_FOUND');
    expectError(await vote(gina, a.acmeOnly, true), 404, 'KB_ARTICLE_NOT_FOUND');
    const votes = await t.ctx.db.selectFrom('kb_votes').select('contact_id').where('article_id', '=', a.acmeOnly).execute();
    expect(votes).toEqual([]);
  });

  it('lifting the limit shows it to everyone', async () => {
    const id = await writeArticle(admin, { en: { title: 'Scanner setup', body: 'Scan to mail.' } }, { audience: { customerIds: [acme.id] } });
    expectError(await gina.get(`${PORTAL}/articles/${id}`), 404, 'KB_ARTICLE_NOT_FOUND');
    await admin.patch(`/api/v1/kb/articles/${id}`, { audience: null });
    expectStatus(await gina.get(`${PORTAL}/articles/${id}`), 200);
  });
});

describe('portal KB: section on/off (KB-2)', () => {
  it('off for everyone: every KB route answers 404 and /portal/me says so; selected customers only; back on', async () => {
    const routes = (c: Client) => [
      c.get(`${PORTAL}/articles`),
      c.get(`${PORTAL}/articles?q=printer`),
      c.get(`${PORTAL}/articles/${a.both}`),
      c.get(`${PORTAL}/categories`),
      vote(c, a.both, true),
    ];
    try {
      await setKbSection(admin, 'off');
      for (const res of await Promise.all(routes(alice))) expectError(res, 404, 'NOT_FOUND');
      expect((await alice.get('/api/v1/portal/me')).json<{ sections: { kb: boolean } }>().sections.kb).toBe(false);
      await setKbSection(admin, 'selected', [globex.id]);
      for (const res of await Promise.all(routes(alice))) expectError(res, 404, 'NOT_FOUND');
      for (const res of await Promise.all(routes(gina))) expect(res.statusCode).toBe(200);
      expect((await gina.get('/api/v1/portal/me')).json<{ sections: { kb: boolean } }>().sections.kb).toBe(true);
    } finally {
      await setKbSection(admin, 'all');
    }
    expectStatus(await alice.get(`${PORTAL}/articles`), 200);
  });
});

describe('portal KB: was this helpful, most read (KB-1)', () => {
  it('one vote per contact and article, changeable; counted per article for technicians', async () => {
    expect((await vote(alice, a.both, true)).json()).toEqual({ myVote: true });
    expect((await vote(alice, a.both, true)).json()).toEqual({ myVote: true });
    await vote(bob, a.both, true);
    await vote(gina, a.both, false);
    await vote(bob, a.both, false);
    expect((await alice.get(`${PORTAL}/articles/${a.both}`)).json<PortalKbArticle>().myVote).toBe(true);
    expect((await gina.get(`${PORTAL}/articles/${a.enOnly}`)).json<PortalKbArticle>().myVote).toBeNull();
    const article = (await admin.get(`/api/v1/kb/articles/${a.both}`)).json<KbArticle>();
    expect(article.votes).toEqual({ helpful: 1, notHelpful: 2 });
    expectError(await alice.request('PUT', `${PORTAL}/articles/${a.both}/vote`, { body: { helpful: 'yes' } }), 400, 'VALIDATION_FAILED');
  });

  it('every reading counts; most read comes first', async () => {
    const id = await writeArticle(admin, { en: { title: 'Most read', body: 'x' } });
    for (let i = 0; i < 6; i++) expectStatus(await gina.get(`${PORTAL}/articles/${id}`), 200);
    expect(itemIds(await gina.get(`${PORTAL}/articles?sort=popular&limit=1`))).toEqual([id]);
    expect((await admin.get(`/api/v1/kb/articles/${id}`)).json<KbArticle>().viewCount).toBe(6);
  });

  it('another tenant contact gets 404 for this tenant article ids on their own host', async () => {
    const other = await makeTenant(t.ctx);
    const c = await makeContact(t.ctx, other.tenant.id, (await makeCustomer(t.ctx, other.tenant.id)).id);
    const foreign = await mintSession(t.app, t.ctx, other.host, other.tenant.id, 'contact', c.id);
    expectError(await foreign.get(`${PORTAL}/articles/${a.both}`), 404, 'KB_ARTICLE_NOT_FOUND');
    expectError(await vote(foreign, a.both, true), 404, 'KB_ARTICLE_NOT_FOUND');
    expect(itemIds(await foreign.get(`${PORTAL}/articles?q=printer`))).toEqual([]);
  });
});
