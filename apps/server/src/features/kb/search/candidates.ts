import { BODY } from './postings.ts';
import { ensure } from './grow.ts';

/**
 * Candidates of one search, in flat arrays reused from search to search (a search runs to its
 * end before the next starts): `stamp[slot] === generation` marks a slot seen by this search,
 * `at[slot]` its candidate number (-1: not visible to the reader).
 */
export class Candidates {
  generation = 0;
  stamp = new Int32Array(0);
  at = new Int32Array(0);
  n = 0;
  slot = new Int32Array(256);
  matched = new Int32Array(256);
  title = new Int32Array(256);
  exact = new Int32Array(256);
  near = new Int32Array(256);
  typos = new Int32Array(256);
  titleHits = new Int32Array(256);
  /** The first title position a query word was found at (BODY: none). */
  titleFirst = new Int32Array(256);
  /** The cheap first ranking pass's number per candidate (see `rankFloor`). */
  pre = new Int32Array(256);
  bodyHits = new Int32Array(256);
  /** Ranking's heap of candidate numbers, and per candidate the largest key it can have (see `rank`). */
  heap = new Int32Array(256);
  ceiling = new Float64Array(256);

  begin(slots: number): void {
    if (this.stamp.length < slots) {
      this.stamp = ensure(this.stamp, slots);
      this.at = ensure(this.at, slots);
    }
    this.n = 0;
    if (++this.generation === 0x7fffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
  }

  add(slot: number): number {
    const k = this.n++;
    if (k === this.slot.length) {
      const size = k + 1;
      this.slot = ensure(this.slot, size);
      this.matched = ensure(this.matched, size);
      this.title = ensure(this.title, size);
      this.exact = ensure(this.exact, size);
      this.near = ensure(this.near, size);
      this.typos = ensure(this.typos, size);
      this.titleHits = ensure(this.titleHits, size);
      this.titleFirst = ensure(this.titleFirst, size);
      this.bodyHits = ensure(this.bodyHits, size);
    }
    this.slot[k] = slot;
    this.matched[k] = 0;
    this.title[k] = 0;
    this.exact[k] = 0;
    this.near[k] = 0;
    this.typos[k] = 0xfffff;
    this.titleHits[k] = 0;
    this.titleFirst[k] = BODY;
    this.bodyHits[k] = 0;
    this.at[slot] = k;
    return k;
  }
}
