import { describe, expect, it } from 'vitest';
import { BODY, formOf, LangPostings, OTHER_FORM, pack, positionOf } from './postings.ts';

/** The sealed arrays, the bulk merges while building and the delta after it (issue 11 item 3). */
function pairs(p: LangPostings, term: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const occ = p.sealedOcc;
  for (let k = p.rangeStart(term) * 2; k < p.rangeEnd(term) * 2; k += 2) out.push([occ[k] as number, positionOf(occ[k + 1] as number)]);
  const d = p.deltaOf(term);
  if (d) for (let k = 0; k < d.len; k += 2) out.push([d.buf[k] as number, positionOf(d.buf[k + 1] as number)]);
  return out;
}

describe('LangPostings', () => {
  it('packs a form and a position, title positions below BODY', () => {
    const v = pack(7, BODY + 3);
    expect(formOf(v)).toBe(7);
    expect(positionOf(v)).toBe(BODY + 3);
    expect(formOf(pack(300, 1))).toBe(OTHER_FORM);
    expect(formOf(pack(OTHER_FORM, 5))).toBe(OTHER_FORM);
  });

  it('keeps every term sorted by slot across bulk merges, the seal, the delta and its merges', () => {
    // Tiny thresholds: the build merges every few occurrences, and so does the delta.
    const p = new LangPostings({ bulk: 3, delta: 2 });
    const alive = new Uint8Array(64).fill(1);
    const a = p.termOf('printer');
    const b = p.termOf('offline');
    for (let slot = 0; slot < 10; slot++) {
      p.add(a, slot, pack(0, slot), alive);
      if (slot % 2 === 0) p.add(b, slot, pack(0, BODY + slot), alive);
    }
    p.seal(alive);
    expect(pairs(p, a).map(([s]) => s)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pairs(p, b)).toEqual([0, 2, 4, 6, 8].map((s) => [s, BODY + s]));
    // After the build: new slots go to the delta (merged once two pairs gather), still in order.
    const c = p.termOf('toner');
    for (let slot = 10; slot < 15; slot++) p.add(slot % 2 ? a : c, slot, pack(1, slot), alive);
    expect(pairs(p, a).map(([s]) => s)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13]);
    expect(pairs(p, c).map(([s]) => s)).toEqual([10, 12, 14]);
    expect(p.has('toner')).toBe(true);
    expect(p.has('stapler')).toBe(false);
  });

  it('finds a slot’s positions by binary search, at most `max`', () => {
    const p = new LangPostings();
    const alive = new Uint8Array(8).fill(1);
    const t = p.termOf('scan');
    for (const [slot, pos] of [[1, 4], [3, 1], [3, 9], [3, BODY + 2], [5, 0]] as const) p.add(t, slot, pack(0, pos), alive);
    p.seal(alive);
    const out: number[] = [];
    p.positions(t, 3, 2, 8, out);
    expect(out).toEqual([2, 1, 2, 9, 2, BODY + 2]);
    const two: number[] = [];
    p.positions(t, 3, 0, 2, two);
    expect(two).toEqual([0, 1, 0, 9]);
    const none: number[] = [];
    p.positions(t, 2, 0, 8, none);
    expect(none).toEqual([]);
  });

  it('drops dead slots when compacted', () => {
    const p = new LangPostings();
    const alive = new Uint8Array(8).fill(1);
    const t = p.termOf('vpn');
    for (let slot = 0; slot < 6; slot++) p.add(t, slot, pack(0, slot), alive);
    p.seal(alive);
    alive[1] = 0;
    alive[4] = 0;
    p.compact(alive);
    expect(pairs(p, t).map(([s]) => s)).toEqual([0, 2, 3, 5]);
  });
});
