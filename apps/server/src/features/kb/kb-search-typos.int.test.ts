import type { PortalKbList } from '@porta/contracts/kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp, useTestApp } from '../../test/harness.ts';
import { itemIds, writeArticle } from '../../test/kb.ts';
import { KbSearchIndex, kbSearchIndex, warmKbSearch } from './search/kb-search-index.ts';
import { portalSearch } from './search/portal-search.ts';

/** KB-3 as issue 11 asks: typos in every word, words-matched ranking, spellings, stop words, an index in step. */
const t = useTestApp();

type Lang = 'en' | 'fr' | 'de' | 'es' | 'it';
let fx: TenantFixture;
let tech: Client;
let customerId: string;
const as = {} as Record<Lang, Client>;
const a = {} as Record<'printer' | 'password' | 'outlook' | 'phishing' | 'wifi' | 'login' | 'vpnBoth' | 'vpnOne' | 'near' | 'far' | 'router', string>;

const answer = async (c: Client, q: string): Promise<PortalKbList> => {
  const res = await c.get(`/api/v1/portal/kb/articles?q=${encodeURIComponent(q)}`);
  expectStatus(res, 200);
  return res.json<PortalKbList>();
};
const found = async (c: Client, q: string) => (await answer(c, q)).items.map((i) => i.id);

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  tech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  customerId = (await makeCustomer(t.ctx, fx.tenant.id)).id;
  for (const lang of ['en', 'fr', 'de', 'es', 'it'] as const) {
    const c = await makeContact(t.ctx, fx.tenant.id, customerId, { language: lang });
    as[lang] = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', c.id);
  }
  a.printer = await writeArticle(tech, {
    en: { title: 'Printer shows offline', body: 'When the printer is offline, restart the print spooler service.' },
    fr: { title: "L'imprimante est hors ligne", body: "Redémarrez le service d'impression. Si l'imprimante ne marche pas, appelez-nous." },
    de: { title: 'Drucker ist offline', body: 'Wenn der Drucker nicht druckt, starten Sie die Warteschlange neu.' },
    it: { title: 'La stampante risulta offline', body: 'Riavvia il servizio di spooler della stampante.' },
  });
  a.password = await writeArticle(tech, { en: { title: 'Reset your password', body: 'Use the self-service page to choose a new one.' } });
  a.outlook = await writeArticle(tech, { en: { title: 'Outlook keeps asking for a password', body: 'Remove the saved credentials, then sign in again.' } });
  a.phishing = await writeArticle(tech, { en: { title: 'Report a suspicious e-mail', body: 'Forward the message with the Report button; never click its links.' } });
  a.wifi = await writeArticle(tech, { en: { title: 'Wi-Fi keeps dropping', body: 'Forget the network and join it again.' } });
  a.login = await writeArticle(tech, { en: { title: 'Cannot log in to the portal', body: 'Check the caps lock key first.' } });
  a.vpnBoth = await writeArticle(tech, { en: { title: 'VPN client update', body: 'Install the new client.' } });
  a.vpnOne = await writeArticle(tech, { en: { title: 'VPN is slow', body: 'Move closer to the access point.' } });
  a.near = await writeArticle(tech, { en: { title: 'Scanner notes', body: 'The scanner jams paper when the tray is overfull.' } });
  a.far = await writeArticle(tech, { en: { title: 'Scanner guide', body: 'The scanner is on the second floor next to the coffee machine and the plants; loading paper is explained there.' } });
  a.router = await writeArticle(tech, { en: { title: 'Router lights', body: 'A blinking light is normal.' } });
});

describe('typos in every word (issue 11 item 1)', () => {
  it('finds the article for each example of the issue, first', async () => {
    expect((await found(as.it, 'stampante'))[0]).toBe(a.printer);
    expect((await found(as.it, 'stampanti'))[0]).toBe(a.printer);
    expect((await found(as.it, 'stampantee'))[0]).toBe(a.printer);
    expect((await found(as.it, 'stamapnte'))[0]).toBe(a.printer);
    expect((await found(as.it, 'stampnte'))[0]).toBe(a.printer);
    expect((await found(as.en, 'reset pasword'))[0]).toBe(a.password);
    expect((await found(as.en, 'outlok password'))[0]).toBe(a.outlook);
    expect((await found(as.fr, 'imprimante ne marche pas'))[0]).toBe(a.printer);
    expect((await found(as.de, 'Drucker druckt nciht'))[0]).toBe(a.printer);
  });

  it('says what it searched for when it corrected, and null when it did not', async () => {
    expect((await answer(as.en, 'reset pasword')).corrected).toBe('reset password');
    expect((await answer(as.it, 'stamapnte')).corrected).toBe('stampante');
    expect((await answer(as.en, 'reset password')).corrected).toBeNull();
  });

  it('highlights matched words in the title and snippet, corrected ones included', async () => {
    const item = (await answer(as.en, 'reset pasword')).items.find((i) => i.id === a.password);
    expect(item?.titleHighlights.map(([s, e]) => item.title.slice(s, e))).toEqual(['Reset', 'password']);
    const printer = (await answer(as.en, 'printr')).items.find((i) => i.id === a.printer);
    expect(printer?.highlights.map(([s, e]) => printer.snippet.slice(s, e).toLowerCase())).toContain('printer');
  });

  it('allows no typo in a word under 5 letters', async () => {
    expect(await found(as.en, 'vpm')).toEqual([]);
  });
});

describe('ranking and matching rules (issue 11 item 2)', () => {
  it('ranks an article holding every word above one holding some, and still finds the latter', async () => {
    const ids = await found(as.en, 'vpn update');
    expect(ids[0]).toBe(a.vpnBoth);
    expect(ids).toContain(a.vpnOne);
  });

  it('never answers empty when some words match ("suspicious email phishing")', async () => {
    expect((await found(as.en, 'suspicious email phishing'))[0]).toBe(a.phishing);
  });

  it('ranks words close together above the same words far apart', async () => {
    const ids = await found(as.en, 'scanner paper');
    expect(ids.indexOf(a.near)).toBeLessThan(ids.indexOf(a.far));
    expect(ids.indexOf(a.far)).toBeGreaterThanOrEqual(0);
  });

  it('matches spellings: email / e-mail, wifi / wi-fi / Wi-Fi, log in / login', async () => {
    for (const q of ['email', 'e-mail', 'E-Mail']) expect(await found(as.en, q)).toContain(a.phishing);
    for (const q of ['wifi', 'wi-fi', 'Wi-Fi']) expect(await found(as.en, q)).toContain(a.wifi);
    for (const q of ['login', 'log in']) expect(await found(as.en, q)).toContain(a.login);
  });

  it('answers nothing to a query made only of stop words', async () => {
    expect(await found(as.it, 'come fare')).toEqual([]);
    expect(await found(as.en, 'how to do it')).toEqual([]);
    expect(await found(as.fr, 'comment faire')).toEqual([]);
  });

  it('suggests while typing: the last word matches as a prefix', async () => {
    expect(await found(as.it, 'stamp')).toContain(a.printer);
    expect(await found(as.en, 'rout')).toContain(a.router);
  });
});

describe('the index stays in step with the store of record', () => {
  it('follows create, update, unpublish, publish, audience and delete at once', async () => {
    const other = await makeCustomer(t.ctx, fx.tenant.id);
    const id = await writeArticle(tech, { en: { title: 'Zebracorn setup', body: 'Plain text.' } });
    expect(await found(as.en, 'zebracorn')).toEqual([id]);
    expectStatus(await tech.patch(`/api/v1/kb/articles/${id}`, { translations: { en: { title: 'Quokkaphone setup', body: 'Plain text.' } } }), 200);
    expect(await found(as.en, 'zebracorn')).toEqual([]);
    expect(await found(as.en, 'quokkaphone')).toEqual([id]);
    expectStatus(await tech.patch(`/api/v1/kb/articles/${id}`, { status: 'draft' }), 200);
    expect(await found(as.en, 'quokkaphone')).toEqual([]);
    expectStatus(await tech.patch(`/api/v1/kb/articles/${id}`, { status: 'published' }), 200);
    expect(await found(as.en, 'quokkaphone')).toEqual([id]);
    expectStatus(await tech.patch(`/api/v1/kb/articles/${id}`, { audience: { customerIds: [other.id] } }), 200);
    expect(await found(as.en, 'quokkaphone')).toEqual([]);
    expectStatus(await tech.patch(`/api/v1/kb/articles/${id}`, { audience: { customerIds: [customerId] } }), 200);
    expect(await found(as.en, 'quokkaphone')).toEqual([id]);
    expectStatus(await tech.patch(`/api/v1/kb/articles/${id}`, { translations: { fr: { title: 'Installer le quokkaphone', body: 'Texte.' } } }), 200);
    expect((await answer(as.fr, 'quokkaphone')).items[0]).toMatchObject({ id, language: 'fr', fallback: false });
    expectStatus(await tech.delete(`/api/v1/kb/articles/${id}`), 204);
    expect(await found(as.en, 'quokkaphone')).toEqual([]);
    expect(await found(as.fr, 'quokkaphone')).toEqual([]);
  });
});

describe('isolation: the index answers only what the reader may read', () => {
  it("never shows another tenant's articles, nor one limited to another customer", async () => {
    const other = await makeTenant(t.ctx);
    const otherTech = await mintSession(t.app, t.ctx, other.host, other.tenant.id, 'technician', other.admin.id);
    const foreign = await writeArticle(otherTech, { en: { title: 'Xylophonic printer guide', body: 'Secret of another MSP.' } });
    const stranger = await makeCustomer(t.ctx, fx.tenant.id);
    const limited = await writeArticle(tech, { en: { title: 'Xylophonic printer for one customer', body: 'Only theirs.' } }, { audience: { customerIds: [stranger.id] } });
    const ids = await found(as.en, 'xylophonic');
    expect(ids).not.toContain(foreign);
    expect(ids).not.toContain(limited);
    expect(await found(as.en, 'xylophonik')).toEqual([]);
    const strangerContact = await makeContact(t.ctx, fx.tenant.id, stranger.id, { language: 'en' });
    const s = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', strangerContact.id);
    expect(await found(s, 'xylophonic')).toEqual([limited]);
  });

  it("shows the default language only for articles without the reader's own", async () => {
    const ids = await found(as.fr, 'password');
    expect(ids).toContain(a.password);
    const item = (await answer(as.fr, 'password')).items.find((i) => i.id === a.password);
    expect(item).toMatchObject({ language: 'en', fallback: true });
    // The printer article has French: a French reader never gets its English translation.
    expect((await answer(as.fr, 'spooler')).items.find((i) => i.id === a.printer)).toBeUndefined();
  });
});

// Two nodes share a database only on PostgreSQL (one process owns a PGlite data directory).
if (sharedDatabase().engine === 'postgres')
  describe('a second app node hears KB changes on the bus (issue 11, P-1)', () => {
    let b: TestApp & { close(): Promise<void> };
    beforeAll(async () => {
      b = await createTestApp();
    });
    afterAll(async () => b?.close());

    it('node B finds an article written on node A, and stops finding it once A deletes it', async () => {
      const reader = await makeContact(t.ctx, fx.tenant.id, customerId, { language: 'en' });
      const onB = await mintSession(b.app, b.ctx, fx.host, fx.tenant.id, 'contact', reader.id);
      expect(itemIds(await onB.get('/api/v1/portal/kb/articles?q=narwhalbridge'))).toEqual([]);
      const id = await writeArticle(tech, { en: { title: 'Narwhalbridge pairing', body: 'Hold the button.' } });
      await expect.poll(async () => itemIds(await onB.get('/api/v1/portal/kb/articles?q=narwhalbridge')), { timeout: 5000, interval: 50 }).toEqual([id]);
      expectStatus(await tech.patch(`/api/v1/kb/articles/${id}`, { status: 'draft' }), 200);
      await expect.poll(async () => itemIds(await onB.get('/api/v1/portal/kb/articles?q=narwhalbridge')), { timeout: 5000, interval: 50 }).toEqual([]);
    });
  });

describe('while a tenant index is being built (first search on a node)', () => {
  it('answers from the SQL search at once, then from the index once it is built', async () => {
    // A node that has not indexed this tenant yet, and a search that will not wait for it.
    const node = new KbSearchIndex(t.ctx.db);
    const reader = { tenantId: fx.tenant.id, customerId, contactId: '00000000-0000-4000-8000-000000000000', language: 'it', defaultLanguage: 'en' };
    // A context of its own: its node has no index for the tenant yet.
    const early = await portalSearch({ ...t.ctx }, reader, 'stampante', 10, 0);
    // The SQL search: stemmed, no correction.
    expect(early.items[0]?.id).toBe(a.printer);
    expect(early.corrected).toBeNull();
    expect(await node.readyWithin(fx.tenant.id, 0)).toBeNull();
    const built = await node.forTenant(fx.tenant.id);
    expect(await node.readyWithin(fx.tenant.id, 0)).toBe(built);
    expect(built.search(reader, 'stamapnte', 10).items[0]?.id).toBe(a.printer);
  });

  it('is built at start for every tenant with published articles, before any search (warmKbSearch)', async () => {
    // A context of its own: a node that has built nothing yet.
    const ctx = { ...t.ctx };
    expect(kbSearchIndex(ctx).built(fx.tenant.id)).toBeNull();
    const errors: unknown[] = [];
    const stop = warmKbSearch(ctx, (err) => errors.push(err));
    await expect.poll(() => kbSearchIndex(ctx).built(fx.tenant.id), { timeout: 10_000, interval: 20 }).not.toBeNull();
    stop();
    expect(errors).toEqual([]);
    expect(kbSearchIndex(ctx).built(fx.tenant.id)?.search({ customerId, language: 'it', defaultLanguage: 'en' }, 'stamapnte', 10).items[0]?.id).toBe(a.printer);
  });
});
