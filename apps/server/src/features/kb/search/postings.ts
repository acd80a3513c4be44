import { ensure, IntList } from './grow.ts';

/**
 * An occurrence's second number packs the word's form (which of its stem's spellings, 0–254;
 * 255 for every later one) in the top 8 bits and its position in the low 24. Body positions start
 * at BODY, so a title position is always smaller and the two never look close.
 */
export const BODY = 1 << 23;
const POSITION = 0xffffff;
export const OTHER_FORM = 255;
export const pack = (form: number, position: number): number => (Math.min(form, OTHER_FORM) << 24) | Math.min(position, POSITION);
export const positionOf = (packed: number): number => packed & POSITION;
export const formOf = (packed: number): number => packed >>> 24;

/** Occurrences added while building, merged into the sealed arrays once they are this many (or half as many as sealed). */
const BULK_SEAL = 1 << 20;
/** Occurrences added after the build, per term, merged once they are this many in all. */
const DELTA_SEAL = 1 << 18;

/**
 * One language's inverted index: stems numbered as terms, and per term its (slot, position)
 * occurrences sorted by slot. Most of it is sealed in three flat arrays (term → range of
 * pairs), built with a counting sort; what is added after the build goes to a small per-term
 * delta until enough has gathered to seal again. Slots only grow, so a term's delta pairs
 * always come after its sealed ones and the whole stays sorted by slot.
 */
export class LangPostings {
  readonly terms = new Map<string, number>();
  /** Sealed: term t's pairs are occ[2*start[t] .. 2*start[t+1]). Terms numbered later have none. */
  private start = new Int32Array(1);
  private sealedTerms = 0;
  private occ = new Int32Array(0);
  /** Sealed: the slots holding term t in their title are titleSlots[titleStart[t] .. titleStart[t+1]), ascending. */
  private titleStart = new Int32Array(1);
  private titleSlots = new Int32Array(0);
  /** While building: (term, slot, position) triplets, not yet searchable. */
  private bulk: IntList | null = new IntList(1024);
  private delta = new Map<number, IntList>();
  private deltaPairs = 0;

  /** `limits` lowers the merge thresholds (tests). */
  constructor(private readonly limits = { bulk: BULK_SEAL, delta: DELTA_SEAL }) {}

  termOf(stem: string): number {
    let t = this.terms.get(stem);
    if (t === undefined) this.terms.set(stem, (t = this.terms.size));
    return t;
  }

  /** Adds an occurrence; `alive` says which slots to keep when this triggers a merge. */
  add(term: number, slot: number, position: number, alive: Uint8Array): void {
    const bulk = this.bulk;
    if (bulk) {
      if (bulk.len + 3 > bulk.buf.length) bulk.buf = ensure(bulk.buf, bulk.len + 3);
      bulk.buf[bulk.len++] = term;
      bulk.buf[bulk.len++] = slot;
      bulk.buf[bulk.len++] = position;
      if (bulk.len / 3 >= Math.max(this.limits.bulk, this.occ.length / 4)) this.merge(alive);
      return;
    }
    let d = this.delta.get(term);
    if (!d) this.delta.set(term, (d = new IntList(4)));
    d.push2(slot, position);
    if (++this.deltaPairs >= Math.max(this.limits.delta, this.occ.length / 8)) this.merge(alive);
  }

  /** Ends the build: merges what it added, later additions go to the delta. */
  seal(alive: Uint8Array): void {
    this.merge(alive);
    this.bulk = null;
  }

  /** Drops the pairs of dead slots (after many removals). */
  compact(alive: Uint8Array): void {
    this.merge(alive);
  }

  /** Sealed pairs, bulk triplets and delta pairs of live slots, into new sealed arrays (a counting sort by term). */
  private merge(alive: Uint8Array): void {
    const terms = this.terms.size;
    const count = new Int32Array(terms + 1);
    const { start, occ, bulk } = this;
    for (let t = 0; t < this.sealedTerms; t++)
      for (let k = (start[t] as number) * 2, end = (start[t + 1] as number) * 2; k < end; k += 2) if (alive[occ[k] as number]) count[t]!++;
    if (bulk) for (let k = 0; k < bulk.len; k += 3) if (alive[bulk.buf[k + 1] as number]) count[bulk.buf[k] as number]!++;
    for (const [t, d] of this.delta) for (let k = 0; k < d.len; k += 2) if (alive[d.buf[k] as number]) count[t]!++;
    const next = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) next[t + 1] = (next[t] as number) + (count[t] as number);
    const out = new Int32Array((next[terms] as number) * 2);
    const at = next.slice(0, terms);
    const put = (t: number, slot: number, pos: number) => {
      const w = (at[t] as number) * 2;
      out[w] = slot;
      out[w + 1] = pos;
      at[t]!++;
    };
    for (let t = 0; t < this.sealedTerms; t++)
      for (let k = (start[t] as number) * 2, end = (start[t + 1] as number) * 2; k < end; k += 2) if (alive[occ[k] as number]) put(t, occ[k] as number, occ[k + 1] as number);
    if (bulk) {
      for (let k = 0; k < bulk.len; k += 3) if (alive[bulk.buf[k + 1] as number]) put(bulk.buf[k] as number, bulk.buf[k + 1] as number, bulk.buf[k + 2] as number);
      bulk.len = 0;
    }
    for (const [t, d] of this.delta) for (let k = 0; k < d.len; k += 2) if (alive[d.buf[k] as number]) put(t, d.buf[k] as number, d.buf[k + 1] as number);
    this.delta.clear();
    this.deltaPairs = 0;
    this.start = next;
    this.occ = out;
    this.sealedTerms = terms;
    this.sealTitles();
  }

  /**
   * The per-term lists of slots holding the term in their title. A slot's occurrences of a term
   * are added together, title first (its positions are below BODY), so its first one says.
   */
  private sealTitles(): void {
    const { start, occ } = this;
    const titleStart = new Int32Array(this.sealedTerms + 1);
    const slots = new IntList(1024);
    for (let t = 0; t < this.sealedTerms; t++) {
      for (let k = start[t] as number, end = start[t + 1] as number; k < end; k++)
        if ((k === start[t] || occ[k * 2] !== occ[k * 2 - 2]) && positionOf(occ[k * 2 + 1] as number) < BODY) slots.push(occ[k * 2] as number);
      titleStart[t + 1] = slots.len;
    }
    this.titleStart = titleStart;
    this.titleSlots = slots.buf.slice(0, slots.len);
  }

  /** The sealed pairs: term t's are occ[2 * rangeStart(t) .. 2 * rangeEnd(t)). The search's inner loop reads them directly. */
  get sealedOcc(): Int32Array {
    return this.occ;
  }
  rangeStart(term: number): number {
    return term < this.sealedTerms ? (this.start[term] as number) : 0;
  }
  rangeEnd(term: number): number {
    return term < this.sealedTerms ? (this.start[term + 1] as number) : 0;
  }
  /** The sealed slots holding term t in their title: titleSlotList[titleRangeStart(t) .. titleRangeEnd(t)). */
  get titleSlotList(): Int32Array {
    return this.titleSlots;
  }
  titleRangeStart(term: number): number {
    return term < this.sealedTerms ? (this.titleStart[term] as number) : 0;
  }
  titleRangeEnd(term: number): number {
    return term < this.sealedTerms ? (this.titleStart[term + 1] as number) : 0;
  }
  /** The term's pairs added since the last merge, if any. */
  deltaOf(term: number): IntList | undefined {
    return this.delta.get(term);
  }

  /** Up to `max` occurrences of `term` in `slot` (ascending), pushed to `out` as (word, position) pairs. */
  positions(term: number, slot: number, word: number, max: number, out: number[]): void {
    let kept = 0;
    if (term < this.sealedTerms) {
      const occ = this.occ;
      let lo = this.start[term] as number;
      let hi = this.start[term + 1] as number;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((occ[mid * 2] as number) < slot) lo = mid + 1;
        else hi = mid;
      }
      const end = this.start[term + 1] as number;
      for (let k = lo; k < end && occ[k * 2] === slot && kept < max; k++, kept++) out.push(word, positionOf(occ[k * 2 + 1] as number));
    }
    const d = this.delta.get(term);
    if (d)
      for (let k = 0; k < d.len && kept < max; k += 2) {
        if (d.buf[k] !== slot) continue;
        out.push(word, positionOf(d.buf[k + 1] as number));
        kept++;
      }
  }

  has(stem: string): boolean {
    const t = this.terms.get(stem);
    if (t === undefined) return false;
    return (t < this.sealedTerms && (this.start[t + 1] as number) > (this.start[t] as number)) || (this.delta.get(t)?.len ?? 0) > 0;
  }

  bytes(): number {
    let b = this.start.byteLength + this.occ.byteLength + this.titleStart.byteLength + this.titleSlots.byteLength + (this.bulk?.bytes() ?? 0);
    for (const d of this.delta.values()) b += d.bytes();
    for (const k of this.terms.keys()) b += k.length + 40;
    return b;
  }
}
