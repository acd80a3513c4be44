import { describe, expect, it } from 'vitest';
import { type ArticleDoc, type SearchAnswer, TenantIndex } from './tenant-index.ts';
import type { Lang } from './text.ts';

/**
 * The search's bounds (issue 11 item 3: the full-match pass that skips articles lacking a query
 * word once enough hold them all, the cheap first ranking pass, the key ceilings) against the
 * exhaustive search, which collects every article holding any query word and ranks them all:
 * over a generated knowledge base and hundreds of queries the two answer exactly the same pages.
 */
const WORDS: Record<'en' | 'it', string[]> = {
  en: ['printer', 'printers', 'printing', 'password', 'passwords', 'network', 'offline', 'account', 'locked', 'reset', 'scanner', 'mailbox', 'laptop', 'battery', 'screen', 'update', 'backup', 'router'],
  it: ['stampante', 'stampanti', 'stampa', 'password', 'rete', 'reti', 'account', 'bloccato', 'scanner', 'casella', 'portatile', 'batteria', 'schermo', 'aggiornamento', 'aggiornamenti', 'backup'],
};
/** In a handful of articles only: queries with them have fewer full matches than a page. */
const RARE = ['toner', 'phishing'];
const TYPOS = ['pirnter', 'pasword', 'stampnte', 'netwrok', 'acount', 'batery', 'aggiornamneti'];

/** A small deterministic generator, so a failure replays. */
function generator(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 2 ** 32);
}

function corpus(next: () => number, count: number, from = 0): ArticleDoc[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] as T;
  const text = (lang: 'en' | 'it', n: number) => Array.from({ length: n }, () => (next() < 0.02 ? pick(RARE) : next() < 0.5 ? pick(WORDS[lang]) : `filler${Math.floor(next() * 300)}`)).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const langs: Array<'en' | 'it'> = next() < 0.3 ? ['en', 'it'] : [pick(['en', 'it'] as const)];
    const restricted = next() < 0.15;
    return {
      id: `a${String(from + i).padStart(5, '0')}`,
      audienceRestricted: restricted,
      audienceCustomerIds: restricted ? [pick(['c1', 'c2'])] : [],
      viewCount: Math.floor(next() * 5),
      categoryId: null,
      updatedAt: new Date(0),
      translations: langs.map((language) => ({ language, title: text(language, 2 + Math.floor(next() * 5)), body: text(language, 10 + Math.floor(next() * 40)) })),
    };
  });
}

function build(docs: ArticleDoc[], later: ArticleDoc[], removed: string[], bounded: boolean): TenantIndex {
  const index = new TenantIndex({ bounded });
  for (const d of docs) index.upsert(d);
  index.seal();
  // After the seal: additions and replacements go to the postings' delta, removals leave dead slots.
  for (const d of later) index.upsert(d);
  for (const id of removed) index.remove(id);
  return index;
}

describe('TenantIndex bounds', () => {
  it('answer exactly what ranking every candidate answers, with full matches above, at and below a page', () => {
    const next = generator(11);
    const docs = corpus(next, 900);
    const later = [...corpus(next, 60, 900), ...corpus(next, 40).map((d, i) => ({ ...d, id: `a${String(i * 7).padStart(5, '0')}` }))];
    const removed = Array.from({ length: 30 }, (_, i) => `a${String(i * 13 + 5).padStart(5, '0')}`);
    const bounded = build(docs, later, removed, true);
    const exhaustive = build(docs, later, removed, false);
    const vocabulary = [...WORDS.en, ...WORDS.it, ...RARE, ...TYPOS];
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] as T;
    let compared = 0;
    let fullPages = 0;
    let shortPages = 0;
    for (let q = 0; q < 400; q++) {
      const query = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(vocabulary)).join(' ');
      const reader = { customerId: pick(['c1', 'c2', 'c3']), language: pick<Lang>(['en', 'it', 'fr']), defaultLanguage: pick<Lang>(['en', 'it']) };
      const limit = pick([1, 3, 10, 25]);
      const a: SearchAnswer = bounded.search(reader, query, limit);
      const b: SearchAnswer = exhaustive.search(reader, query, limit);
      expect(a, `${reader.language}/${reader.defaultLanguage} ${reader.customerId} "${query}" limit ${limit}`).toEqual(b);
      compared++;
      if (a.items.length === limit) fullPages++;
      else shortPages++;
    }
    expect(compared).toBe(400);
    // Both kinds of answer occur: pages the full-match pass fills and pages it leaves to the full collection.
    expect(fullPages).toBeGreaterThan(100);
    expect(shortPages).toBeGreaterThan(10);
  });

  it('ranks a body match with fewer typos above many title matches with more', () => {
    // "aggiornamneti": one typo from "aggiornamenti" (only in bodies here), two from "aggiornamento" (in many titles).
    const doc = (id: string, title: string, body: string): ArticleDoc => ({ id, audienceRestricted: false, audienceCustomerIds: [], viewCount: 0, categoryId: null, updatedAt: new Date(0), translations: [{ language: 'it', title, body }] });
    const docs = [...Array.from({ length: 30 }, (_, i) => doc(`t${i}`, 'Aggiornamento', 'niente')), doc('b1', 'Windows', 'gli aggiornamenti di Windows'), doc('b2', 'Office', 'aggiornamenti di Office')];
    const reader = { customerId: 'c1', language: 'it', defaultLanguage: 'it' };
    const bounded = build(docs, [], [], true).search(reader, 'aggiornamneti', 10);
    expect(bounded).toEqual(build(docs, [], [], false).search(reader, 'aggiornamneti', 10));
    expect(bounded.items.slice(0, 2).map((h) => h.id).sort()).toEqual(['b1', 'b2']);
  });

  it('still ranks an article holding every query word first when it is the only one', () => {
    const docs: ArticleDoc[] = [
      ...Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, audienceRestricted: false, audienceCustomerIds: [], viewCount: 100, categoryId: null, updatedAt: new Date(0), translations: [{ language: 'en' as const, title: 'Printer', body: 'printer printer' }] })),
      { id: 'both', audienceRestricted: false, audienceCustomerIds: [], viewCount: 0, categoryId: null, updatedAt: new Date(0), translations: [{ language: 'en', title: 'Toner', body: 'the printer needs toner' }] },
    ];
    const index = build(docs, [], [], true);
    const answer = index.search({ customerId: 'c1', language: 'en', defaultLanguage: 'en' }, 'printer toner', 10);
    expect(answer.items[0]?.id).toBe('both');
    expect(answer.items).toHaveLength(10);
  });
});
