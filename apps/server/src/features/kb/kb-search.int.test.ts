import type { PortalKbItem } from '@porta/contracts/kb';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { itemIds, writeArticle } from '../../test/kb.ts';
import { MARK_END, MARK_START } from './kb-portal.repo.ts';

const t = useTestApp();

let fx: TenantFixture;
let tech: Client;
const as: Partial<Record<'en' | 'fr' | 'de' | 'es' | 'it', Client>> = {};
const a = {} as Record<'printer' | 'password' | 'vpnTitle' | 'vpnBody' | 'screen' | 'hostile', string>;

const search = (c: Client | undefined, q: string) => (c as Client).get(`/api/v1/portal/kb/articles?q=${encodeURIComponent(q)}`);
const found = async (c: Client | undefined, q: string) => {
  const res = await search(c, q);
  expectStatus(res, 200);
  return itemIds(res);
};

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  tech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  for (const lang of ['en', 'fr', 'de', 'es', 'it'] as const) {
    const c = await makeContact(t.ctx, fx.tenant.id, customer.id, { language: lang });
    as[lang] = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', c.id);
  }
  a.printer = await writeArticle(tech, {
    en: { title: 'Printer shows offline', body: 'When the printer is offline, restart the print spooler service.' },
    fr: { title: "L'imprimante est hors ligne", body: 'Redémarrez le service de file d’attente. Vérifiez l’écran de l’imprimante.' },
    de: { title: 'Drucker ist offline', body: 'Starten Sie die Druckerwarteschlange neu, wenn der Drucker nicht druckt.' },
    es: { title: 'La impresora aparece desconectada', body: 'Reinicie el servicio de cola de impresión.' },
    it: { title: 'La stampante risulta offline', body: 'Riavvia il servizio di spooler della stampante.' },
  });
  a.password = await writeArticle(tech, { en: { title: 'Reset your password', body: 'Use the self-service page to choose a new one.' } });
  a.vpnTitle = await writeArticle(tech, { en: { title: 'VPN connection drops', body: 'Check the client version.' } });
  a.vpnBody = await writeArticle(tech, { en: { title: 'Working from home', body: 'Connect the VPN before opening shared drives. The VPN needs your token.' } });
  a.screen = await writeArticle(tech, { fr: { title: 'Écran noir au démarrage', body: 'Un écran noir vient souvent du câble.' } });
  a.hostile = await writeArticle(tech, { en: { title: 'Router manual', body: 'Router <script>alert(1)</script> **router** settings [x](javascript:alert(1))' } });
});

describe('KB search: stemming in five languages (KB-3)', () => {
  it('finds an inflected word in each language, with that language stemmer', async () => {
    expect(await found(as.en, 'printers')).toContain(a.printer);
    expect(await found(as.fr, 'imprimantes')).toContain(a.printer);
    expect(await found(as.de, 'Druckers')).toContain(a.printer);
    expect(await found(as.es, 'impresoras')).toContain(a.printer);
    expect(await found(as.it, 'stampanti')).toContain(a.printer);
  });

  it('answers in the contact language: the Italian contact gets the Italian title', async () => {
    const res = await search(as.it, 'stampanti');
    const item = res.json<{ items: PortalKbItem[] }>().items.find((i) => i.id === a.printer);
    expect(item).toMatchObject({ title: 'La stampante risulta offline', language: 'it', fallback: false });
  });

  it('is accent-insensitive both ways and keeps the accents in what it shows', async () => {
    expect(await found(as.fr, 'ecran noir')).toContain(a.screen);
    expect(await found(as.fr, 'écran')).toContain(a.screen);
    const item = (await search(as.fr, 'ecran')).json<{ items: PortalKbItem[] }>().items.find((i) => i.id === a.screen);
    expect(item?.highlights.length).toBeGreaterThan(0);
    const [start, end] = item?.highlights[0] ?? [0, 0];
    expect(item?.snippet.slice(start, end)).toBe('écran');
  });

  it('tolerates typos with trigram similarity ("pasword", "imprimnte")', async () => {
    expect(await found(as.en, 'pasword')).toEqual([a.password]);
    expect(await found(as.fr, 'imprimnte')).toContain(a.printer);
  });

  it('ranks a title match above a body match, and full-text hits above near-misses', async () => {
    const ids = await found(as.en, 'vpn');
    expect(ids.indexOf(a.vpnTitle)).toBeLessThan(ids.indexOf(a.vpnBody));
    expect(ids.indexOf(a.vpnBody)).toBeGreaterThanOrEqual(0);
  });
});

describe('KB search: bad and hostile queries', () => {
  it('an empty or one-letter query answers nothing rather than everything', async () => {
    for (const q of ['', ' ', 'a', ' v ']) expect(await found(as.en, q)).toEqual([]);
  });

  it('a 10,000-character query is refused with a clear code, not a 5xx', async () => {
    expectError(await search(as.en, 'x'.repeat(10_000)), 400, 'VALIDATION_FAILED');
  });

  it('query syntax and SQL metacharacters are just words', async () => {
    for (const q of ["'); drop table kb_articles; --", '!!! & | <-> :*', 'password"', '\\%_']) {
      const res = await search(as.en, q);
      expectStatus(res, 200);
    }
    expect(await found(as.en, 'password -reset')).not.toContain(a.vpnTitle);
  });

  it('snippets are plain text with highlight offsets: markup in an article never becomes HTML', async () => {
    const res = await search(as.en, 'router');
    const item = res.json<{ items: PortalKbItem[] }>().items.find((i) => i.id === a.hostile);
    expect(item).toBeDefined();
    expect(item?.snippet).not.toMatch(/<\/?b>/);
    expect(item?.snippet).not.toContain(MARK_START);
    expect(item?.snippet).not.toContain(MARK_END);
    for (const [s, e] of item?.highlights ?? []) expect(item?.snippet.slice(s, e).toLowerCase()).toBe('router');
  });
});
