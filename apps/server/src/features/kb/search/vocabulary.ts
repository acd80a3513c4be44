import { deletionHashes, osaDistance, typoBudget } from './distance.ts';
import { ensure } from './grow.ts';

/** Word numbers fit in this many bits of a neighbourhood key (hash × 2^ID_BITS + word). */
const ID_BITS = 22;
const ID_SPAN = 2 ** ID_BITS;
const PREFIX_EXPANSIONS = 50;
/** Words learned since the last seal, searched in a Map and a list, sealed again past this many. */
const FRESH_SEAL = 20_000;

/**
 * A tenant's folded words across languages: number, spelling, languages it occurs in and how
 * often, plus two ways to find words near a query word: the deletion neighbourhood
 * (SymSpell-style: a word and every string it becomes with up to 1 or 2 letters deleted, hashed)
 * for typos, and the words in sorted order for prefixes. Both are flat sorted arrays built at
 * seal; words learned later are looked up in a small Map and list until the next seal.
 */
export class Vocabulary {
  private ids = new Map<string, number>();
  readonly text: string[] = [];
  /** Bit per language (LANGS order) the word occurs in. */
  langs = new Uint8Array(1024);
  counts = new Int32Array(1024);
  /** Sealed neighbourhood: hash × 2^ID_BITS + word, sorted. */
  private keys = new Float64Array(0);
  private freshHashes = new Map<number, number[]>();
  private sorted: string[] = [];
  private fresh: number[] = [];
  private sealedOnce = false;

  get size(): number {
    return this.text.length;
  }

  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** The word's number (learning it if new), counting one more occurrence in `langBit`. */
  learn(word: string, langBit: number): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.text.length;
      this.ids.set(word, id);
      this.text.push(word);
      this.langs = ensure(this.langs, id + 1);
      this.counts = ensure(this.counts, id + 1);
      if (this.sealedOnce) this.learnFresh(id, word);
    }
    this.langs[id]! |= langBit;
    this.counts[id]!++;
    return id;
  }

  private learnFresh(id: number, word: string): void {
    this.fresh.push(id);
    if (word.length >= 4)
      for (const h of deletionHashes(word, word.length >= 9 ? 2 : 1)) {
        const at = this.freshHashes.get(h);
        if (at) at.push(id);
        else this.freshHashes.set(h, [id]);
      }
    if (this.fresh.length >= FRESH_SEAL) this.seal();
  }

  /** Builds the sorted arrays over every word (at the end of a build, and when enough words were learned since). */
  seal(): void {
    let keys = new Float64Array(Math.max(16, this.text.length * 12));
    let n = 0;
    for (let id = 0; id < this.text.length && id < ID_SPAN; id++) {
      const word = this.text[id] as string;
      if (word.length < 4) continue;
      for (const h of deletionHashes(word, word.length >= 9 ? 2 : 1)) {
        if (n === keys.length) keys = ensure(keys, n + 1);
        keys[n++] = h * ID_SPAN + id;
      }
    }
    this.keys = keys.slice(0, n).sort();
    this.sorted = this.text.slice().sort();
    this.fresh = [];
    this.freshHashes.clear();
    this.sealedOnce = true;
  }

  /** Vocabulary words within the typo budget of `word` (itself excluded), with their distance. */
  typoCandidates(word: string): Array<{ id: number; typos: number }> {
    const budget = typoBudget(word);
    if (budget === 0) return [];
    const seen = new Set<number>();
    const out: Array<{ id: number; typos: number }> = [];
    const consider = (id: number) => {
      if (seen.has(id)) return;
      seen.add(id);
      const c = this.text[id] as string;
      if (c === word) return;
      const d = osaDistance(word, c, budget);
      if (d <= budget) out.push({ id, typos: d });
    };
    const keys = this.keys;
    for (const h of deletionHashes(word, budget)) {
      const lowKey = h * ID_SPAN;
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((keys[mid] as number) < lowKey) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < keys.length && (keys[k] as number) < lowKey + ID_SPAN; k++) consider((keys[k] as number) - lowKey);
      const fresh = this.freshHashes.get(h);
      if (fresh) for (const id of fresh) consider(id);
    }
    return out;
  }

  /** Up to 50 words that start with `word` and are longer (typing in progress). */
  prefixed(word: string): string[] {
    const v = this.sorted;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((v[mid] as string) < word) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < v.length && out.length < PREFIX_EXPANSIONS && (v[i] as string).startsWith(word); i++) if (v[i] !== word) out.push(v[i] as string);
    for (const id of this.fresh) {
      if (out.length >= PREFIX_EXPANSIONS) break;
      const w = this.text[id] as string;
      if (w !== word && w.startsWith(word)) out.push(w);
    }
    return out;
  }

  bytes(): number {
    let b = this.keys.byteLength + this.langs.byteLength + this.counts.byteLength + this.sorted.length * 8;
    for (const w of this.text) b += w.length + 56;
    for (const ids of this.freshHashes.values()) b += 48 + ids.length * 8;
    return b;
  }
}
