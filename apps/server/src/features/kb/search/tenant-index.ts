import { deletionHashes, osaDistance, typoBudget } from './distance.ts';
import { BODY, Postings } from './postings.ts';
import { highlightTitle, snippetFor } from './highlight.ts';
import { indexedWords, isStopWord, type Lang, LANGS, queryWords, stem } from './text.ts';

/** One published article as the index holds it: what visibility needs, and its translations. */
export interface ArticleDoc {
  id: string;
  audienceRestricted: boolean;
  audienceCustomerIds: string[];
  viewCount: number;
  categoryId: string | null;
  updatedAt: Date;
  translations: Array<{ language: Lang; title: string; body: string }>;
}

/** Who is searching: the same rules as kb-portal.repo.ts `visible` / `shownTranslation`. */
export interface SearchReader {
  customerId: string;
  language: string;
  defaultLanguage: string;
}

export interface SearchHit {
  id: string;
  language: Lang;
  title: string;
  titleHighlights: Array<[number, number]>;
  snippet: string;
  highlights: Array<[number, number]>;
  categoryId: string | null;
  updatedAt: Date;
}

export interface SearchAnswer {
  items: SearchHit[];
  /** The query with corrected words, or null when no word was corrected. */
  corrected: string | null;
}

interface Article {
  doc: Omit<ArticleDoc, 'translations'>;
  audience: ReadonlySet<string>;
  slots: Partial<Record<Lang, number>>;
}

interface Slot {
  article: Article;
  language: Lang;
  title: string;
  body: string;
  alive: boolean;
  /** Words of the title that are not stop words (for title coverage). */
  titleWords: number;
}

interface VocabWord {
  /** The word as most often written (lower case, accents kept), for "showing results for …". */
  display: string;
  /** Its stem per language (null: a stop word there), computed once. */
  stems: Partial<Record<Lang, string | null>>;
  /** Bit per language (LANGS order) the word occurs in. */
  langs: number;
  count: number;
}

/** One way a query word matches: a stem of the language, with the typos it took. */
interface Alternative {
  stem: string;
  typos: number;
  exact: boolean;
}

interface Candidate {
  slot: number;
  /** Bit per query word: matched anywhere, in the title, by its own stem. */
  matched: number;
  title: number;
  exact: number;
  /** Per query word, 2 bits: the fewest typos it matched with (3: not matched). */
  typos: number;
  /** Title words matched (distinct positions), for title coverage. */
  titleHits: number;
  /** (word, position) pairs, at most MAX_POSITIONS per word. */
  positions: number[];
  lastWord: number;
  kept: number;
}

const MAX_QUERY_WORDS = 10;
const MAX_POSITIONS = 8;
const PROXIMITY_CAP = 8;
const PREFIX_EXPANSIONS = 50;
const LANG_BIT: Record<Lang, number> = { en: 1, fr: 2, de: 4, es: 8, it: 16 };
const isLang = (l: string): l is Lang => (LANGS as readonly string[]).includes(l);

/**
 * A tenant's published articles as an in-process search index (KB-3, issue 11): per language
 * an inverted index of stemmed, folded words with their positions (title before body), and
 * one vocabulary of folded words with a deletion neighbourhood for typo candidates
 * (SymSpell-style; verified by optimal-string-alignment distance). PostgreSQL stays the store
 * of record: the index is built from it and told of every change (kb-search-index.ts).
 */
export class TenantIndex {
  private slots: Slot[] = [];
  private dead = 0;
  private articles = new Map<string, Article>();
  private postings: Record<Lang, Map<string, Postings>> = { en: new Map(), fr: new Map(), de: new Map(), es: new Map(), it: new Map() };
  private vocab = new Map<string, VocabWord>();
  /** Vocabulary words by number, for the deletion neighbourhood. */
  private words: string[] = [];
  /** Deletion-neighbourhood hash → vocabulary word number(s). */
  private neighbours = new Map<number, number | number[]>();
  private sortedVocab: string[] | null = null;

  get size(): number {
    return this.articles.size;
  }

  /** Adds or replaces an article (one that is no longer published is `remove`d instead). */
  upsert(doc: ArticleDoc): void {
    this.remove(doc.id);
    const { translations, ...rest } = doc;
    const article: Article = { doc: rest, audience: new Set(doc.audienceCustomerIds), slots: {} };
    for (const t of translations) {
      if (!isLang(t.language)) continue;
      const slot = this.slots.length;
      this.slots.push({ article, language: t.language, title: t.title, body: t.body, alive: true, titleWords: 0 });
      article.slots[t.language] = slot;
      (this.slots[slot] as Slot).titleWords = this.addText(t.language, slot, t.title, 0);
      this.addText(t.language, slot, t.body, BODY);
    }
    this.articles.set(doc.id, article);
  }

  remove(id: string): void {
    const article = this.articles.get(id);
    if (!article) return;
    for (const slot of Object.values(article.slots)) {
      const s = this.slots[slot];
      if (s) {
        s.alive = false;
        s.title = '';
        s.body = '';
        this.dead++;
      }
    }
    this.articles.delete(id);
    if (this.dead > 1000 && this.dead > this.slots.length / 4) this.compact();
  }

  private compact(): void {
    for (const lang of LANGS) for (const p of this.postings[lang].values()) p.compact((slot) => this.slots[slot]?.alive === true);
    this.dead = 0;
  }

  /**
   * Indexes a title or body; answers how many of its words are not stop words. Positions count
   * words that are not stop words, so "reset your password" holds its two words side by side.
   */
  private addText(lang: Lang, slot: number, text: string, base: number): number {
    const index = this.postings[lang];
    let words = 0;
    let lastToken = -1;
    for (const { word, position: token } of indexedWords(text)) {
      const v = this.learn(lang, word);
      let s = v.stems[lang];
      if (s === undefined) s = v.stems[lang] = isStopWord(lang, word) ? null : stem(lang, word);
      if (s === null) continue;
      if (token !== lastToken) words++;
      const position = words - 1;
      lastToken = token;
      let p = index.get(s);
      if (!p) index.set(s, (p = new Postings()));
      p.push(slot, base + position);
    }
    return words;
  }

  private learn(lang: Lang, word: string): VocabWord {
    const known = this.vocab.get(word);
    if (known) {
      known.langs |= LANG_BIT[lang];
      known.count++;
      return known;
    }
    const v: VocabWord = { display: word, stems: {}, langs: LANG_BIT[lang], count: 1 };
    this.vocab.set(word, v);
    this.sortedVocab = null;
    if (word.length < 4) return v;
    const id = this.words.length;
    this.words.push(word);
    for (const h of deletionHashes(word, word.length >= 9 ? 2 : 1)) {
      const at = this.neighbours.get(h);
      if (at === undefined) this.neighbours.set(h, id);
      else if (typeof at === 'number') this.neighbours.set(h, [at, id]);
      else at.push(id);
    }
    return v;
  }

  /** Vocabulary words within the typo budget of `word`, with their distance. */
  private typoCandidates(word: string): Array<{ word: string; typos: number }> {
    const budget = typoBudget(word);
    if (budget === 0) return [];
    const seen = new Set<number>();
    const out: Array<{ word: string; typos: number }> = [];
    const consider = (id: number) => {
      if (seen.has(id)) return;
      seen.add(id);
      const c = this.words[id] as string;
      if (c === word) return;
      const d = osaDistance(word, c, budget);
      if (d <= budget) out.push({ word: c, typos: d });
    };
    for (const h of deletionHashes(word, budget)) {
      const at = this.neighbours.get(h);
      if (typeof at === 'number') consider(at);
      else if (at) for (const id of at) consider(id);
    }
    return out;
  }

  private prefixed(word: string): string[] {
    if (!this.sortedVocab) this.sortedVocab = [...this.vocab.keys()].sort();
    const v = this.sortedVocab;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((v[mid] as string) < word) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < v.length && out.length < PREFIX_EXPANSIONS && (v[i] as string).startsWith(word); i++) if (v[i] !== word) out.push(v[i] as string);
    return out;
  }

  /**
   * The reader's best articles for `q`, ranked by: query words matched (desc), typos (asc),
   * proximity of the matched words (asc), words matched in the title (desc), exact words (desc),
   * readings (desc). Every word may carry typos (1 from 5 letters, 2 from 9); the last one
   * also matches as a prefix when it is no word of its own (typing in progress).
   */
  search(reader: SearchReader, q: string, limit: number): SearchAnswer {
    const words = queryWords(q).slice(0, MAX_QUERY_WORDS);
    const own = isLang(reader.language) ? reader.language : 'en';
    const fallback = isLang(reader.defaultLanguage) ? reader.defaultLanguage : own;
    const langs: Lang[] = own === fallback ? [own] : [own, fallback];
    const content = words.filter((w) => !isStopWord(own, w.word));
    if (content.length === 0) return { items: [], corrected: null };

    const corrections = new Map<number, { display: string; typos: number; count: number }>();
    const exactSomewhere = new Set<number>();
    const perLang = langs.map((lang) => {
      const alts = content.map((w, i) => this.alternatives(lang, w.word, i === content.length - 1 && !/\s$/.test(q)));
      alts.forEach((a, i) => {
        if (a.some((x) => x.exact || x.typos === 0)) exactSomewhere.add(i);
      });
      return { lang, alts };
    });
    // A word is corrected when no language knew it as written: the closest, most common candidate.
    for (const { lang, alts } of perLang) {
      alts.forEach((a, i) => {
        if (exactSomewhere.has(i)) return;
        for (const x of a) {
          const v = this.vocab.get(x.word);
          if (!v || !(v.langs & LANG_BIT[lang])) continue;
          const best = corrections.get(i);
          if (!best || x.typos < best.typos || (x.typos === best.typos && v.count > best.count)) corrections.set(i, { display: v.display, typos: x.typos, count: v.count });
        }
      });
    }

    const candidates: Candidate[] = [];
    const matchedStems: Record<Lang, Set<string>> = { en: new Set(), fr: new Set(), de: new Set(), es: new Set(), it: new Set() };
    for (const { lang, alts } of perLang) this.collect(reader, own, lang, alts, candidates, matchedStems[lang]);

    const top = this.rank(candidates, content.length, limit);
    const items = top.map((c) => {
      const s = this.slots[c.slot] as Slot;
      const stems = matchedStems[s.language];
      let firstWord = -1;
      for (let x = 1; x < c.positions.length; x += 2) {
        const pos = c.positions[x] as number;
        if (pos >= BODY && (firstWord < 0 || pos - BODY < firstWord)) firstWord = pos - BODY;
      }
      const snippet = snippetFor(s.language, s.body, stems, Math.max(firstWord, 0));
      return {
        id: s.article.doc.id,
        language: s.language,
        title: s.title,
        titleHighlights: highlightTitle(s.language, s.title, stems),
        snippet: snippet.text,
        highlights: snippet.highlights,
        categoryId: s.article.doc.categoryId,
        updatedAt: s.article.doc.updatedAt,
      };
    });
    let corrected: string | null = null;
    if (corrections.size > 0) {
      let out = '';
      let at = 0;
      content.forEach((w, i) => {
        const c = corrections.get(i);
        if (!c) return;
        out += q.slice(at, w.start) + c.display;
        at = w.end;
      });
      corrected = (out + q.slice(at)).trim();
    }
    return { items, corrected };
  }

  private alternatives(lang: Lang, word: string, last: boolean): Array<Alternative & { word: string }> {
    const index = this.postings[lang];
    const own = stem(lang, word);
    if (index.has(own)) {
      const alts = [{ stem: own, typos: 0, exact: true, word }];
      return alts;
    }
    const out: Array<Alternative & { word: string }> = [];
    const seen = new Set<string>();
    const add = (w: string, typos: number, exact: boolean) => {
      const v = this.vocab.get(w);
      if (!v || !(v.langs & LANG_BIT[lang])) return;
      const s = stem(lang, w);
      if (seen.has(s) || !index.has(s)) return;
      seen.add(s);
      out.push({ stem: s, typos, exact, word: w });
    };
    if (last && word.length >= 2) for (const w of this.prefixed(word)) add(w, 0, false);
    for (const c of this.typoCandidates(word)) add(c.word, c.typos, false);
    return out;
  }

  private collect(reader: SearchReader, own: Lang, lang: Lang, alts: Alternative[][], out: Candidate[], matchedStems: Set<string>): void {
    const index = this.postings[lang];
    // Per slot: 0 not seen yet, 1 not visible, 2 + k the k-th candidate of this language.
    const state = new Int32Array(this.slots.length);
    const base = out.length;
    const n = alts.length;
    for (let i = 0; i < n; i++) {
      const bit = 1 << i;
      const shift = 2 * i;
      for (const alt of alts[i] as Alternative[]) {
        const p = index.get(alt.stem);
        if (!p) continue;
        matchedStems.add(alt.stem);
        const buf = p.buf;
        for (let k = 0; k < p.len; k += 2) {
          const slot = buf[k] as number;
          let st = state[slot] as number;
          if (st === 0) {
            if (!this.visibleTo(reader, own, lang, slot)) {
              state[slot] = 1;
              continue;
            }
            st = 2 + out.length - base;
            state[slot] = st;
            out.push({ slot, matched: 0, title: 0, exact: 0, typos: 0xfffff, titleHits: 0, positions: [], lastWord: -1, kept: 0 });
          } else if (st === 1) continue;
          const c = out[base + st - 2] as Candidate;
          c.matched |= bit;
          if (alt.typos < ((c.typos >> shift) & 3)) c.typos = (c.typos & ~(3 << shift)) | (alt.typos << shift);
          if (alt.exact) c.exact |= bit;
          const pos = buf[k + 1] as number;
          if (pos < BODY) {
            c.title |= bit;
            c.titleHits++;
          }
          if (c.lastWord !== i) {
            c.lastWord = i;
            c.kept = 0;
          }
          if (c.kept < MAX_POSITIONS) {
            c.positions.push(i, pos);
            c.kept++;
          }
        }
      }
    }
  }

  /** Published (the index holds nothing else), for this customer, and the translation the reader is shown. */
  private visibleTo(reader: SearchReader, own: Lang, lang: Lang, slot: number): boolean {
    const s = this.slots[slot];
    if (!s?.alive || s.language !== lang) return false;
    const a = s.article;
    if (a.doc.audienceRestricted && !a.audience.has(reader.customerId)) return false;
    return lang === own || a.slots[own] === undefined;
  }

  /** The best `limit` candidates (a small sorted list, not a sort of them all): key, then readings, then id. */
  private rank(candidates: Candidate[], words: number, limit: number): Candidate[] {
    const top: Array<{ c: Candidate; key: number; views: number; id: string }> = [];
    const before = (a: { key: number; views: number; id: string }, b: { key: number; views: number; id: string }) => a.key > b.key || (a.key === b.key && (a.views > b.views || (a.views === b.views && a.id < b.id)));
    // Words matched is the first rule: a candidate below the `limit`-th best count never makes the list, so its other rules are not computed.
    const counts = new Array<number>(words + 1).fill(0);
    const matchedCount = candidates.map((c) => {
      let m = 0;
      for (let b = c.matched; b; b &= b - 1) m++;
      counts[m] = (counts[m] as number) + 1;
      return m;
    });
    let floor = words;
    for (let have = counts[words] as number; floor > 0 && have < limit; ) have += counts[--floor] as number;
    for (const [k, c] of candidates.entries()) {
      if ((matchedCount[k] as number) < floor) continue;
      const key = this.key(c, words);
      const worst = top[top.length - 1];
      if (top.length >= limit && worst && key < worst.key) continue;
      const doc = (this.slots[c.slot] as Slot).article.doc;
      const entry = { c, key, views: doc.viewCount, id: doc.id };
      if (top.length >= limit && worst && !before(entry, worst)) continue;
      let at = top.length;
      while (at > 0 && before(entry, top[at - 1] as typeof entry)) at--;
      top.splice(at, 0, entry);
      if (top.length > limit) top.pop();
    }
    return top.map((t) => t.c);
  }

  /**
   * The ranking rules folded into one number (each rule's range fits below the one before):
   * words matched, typos, proximity, title words, exact words, then how much of the title the
   * query covers (a short title that is all match before a long one that mentions it).
   */
  private key(c: Candidate, words: number): number {
    let matched = 0;
    let typos = 0;
    let title = 0;
    let exact = 0;
    for (let i = 0; i < words; i++) {
      const bit = 1 << i;
      if (!(c.matched & bit)) continue;
      matched++;
      typos += (c.typos >> (2 * i)) & 3;
      if (c.title & bit) title++;
      if (c.exact & bit) exact++;
    }
    const proximity = matched > 1 ? proximityOf(c.positions, c.matched, words) : 0;
    const titleWords = (this.slots[c.slot] as Slot).titleWords;
    const coverage = titleWords > 0 ? Math.min(15, Math.floor((Math.min(c.titleHits, titleWords) / titleWords) * 15)) : 0;
    return ((((matched * 32 + (31 - Math.min(typos, 31))) * 128 + (127 - Math.min(proximity, 127))) * 16 + title) * 16 + exact) * 16 + coverage;
  }

  /** Approximate bytes held (for the memory report). */
  memoryEstimate(): number {
    let bytes = 0;
    for (const lang of LANGS) for (const [k, p] of this.postings[lang]) bytes += p.bytes() + k.length + 64;
    for (const k of this.vocab.keys()) bytes += k.length * 2 + 80;
    for (const v of this.neighbours.values()) bytes += 40 + (typeof v === 'number' ? 0 : v.length * 8 + 32);
    for (const s of this.slots) bytes += s.title.length + s.body.length + 64;
    return bytes;
  }
}

/** Sum over neighbouring matched query words of their closest distance (capped), in query order. */
function proximityOf(positions: number[], matched: number, words: number): number {
  let total = 0;
  let previous = -1;
  for (let i = 0; i < words; i++) {
    if (!(matched & (1 << i))) continue;
    if (previous >= 0) {
      let best = PROXIMITY_CAP;
      for (let x = 0; x < positions.length; x += 2) {
        if (positions[x] !== previous) continue;
        for (let y = 0; y < positions.length; y += 2) {
          if (positions[y] !== i) continue;
          const d = Math.max(1, Math.abs((positions[x + 1] as number) - (positions[y + 1] as number)));
          if (d < best) best = d;
        }
      }
      total += best;
    }
    previous = i;
  }
  return total;
}
