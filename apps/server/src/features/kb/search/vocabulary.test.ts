import { describe, expect, it } from 'vitest';
import { Vocabulary } from './vocabulary.ts';

/** Typo candidates and prefixes from the sealed arrays and from words learned after the seal (issue 11 item 1). */
describe('Vocabulary', () => {
  const words = (v: Vocabulary, found: Array<{ id: number; typos: number }>) => found.map((c) => [v.text[c.id], c.typos]).sort();

  it('finds words within 1 typo from 5 letters and 2 from 9, swaps counting one, before and after the seal', () => {
    const v = new Vocabulary();
    for (const w of ['stampante', 'stampanti', 'printer', 'password', 'vpn']) v.learn(w, 1);
    v.seal();
    v.learn('imprimante', 2);
    expect(words(v, v.typoCandidates('stamapnte'))).toEqual([['stampante', 1], ['stampanti', 2]]);
    expect(words(v, v.typoCandidates('pirnter'))).toEqual([['printer', 1]]);
    expect(words(v, v.typoCandidates('pasword'))).toEqual([['password', 1]]);
    expect(words(v, v.typoCandidates('imprimnte'))).toEqual([['imprimante', 1]]);
    expect(v.typoCandidates('vpm')).toEqual([]);
  });

  it('lists longer words a prefix begins, sealed and fresh', () => {
    const v = new Vocabulary();
    for (const w of ['router', 'routers', 'route', 'printer']) v.learn(w, 1);
    v.seal();
    v.learn('routing', 1);
    expect(v.prefixed('rout').sort()).toEqual(['route', 'router', 'routers', 'routing']);
    expect(v.prefixed('router')).toEqual(['routers']);
  });

  it('counts occurrences and languages per word', () => {
    const v = new Vocabulary();
    const id = v.learn('wifi', 1);
    v.learn('wifi', 4);
    expect(v.counts[id]).toBe(2);
    expect(v.langs[id]).toBe(5);
  });
});
