import { osaDistance } from './distance.ts';
import { Candidates } from './candidates.ts';
import { ensure, IntList } from './grow.ts';
import { checkpointsOf, highlightTitle, snippetFor } from './highlight.ts';
import { BODY, formOf, LangPostings, OTHER_FORM, pack, positionOf } from './postings.ts';
import { coarseKey, fullKey, proximityOf, type RankInput } from './ranking.ts';
import { indexedWords, isStopWord, type Lang, LANGS, type QueryWord, queryWords, stem } from './text.ts';
import { Vocabulary } from './vocabulary.ts';

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
}

/**
 * One way a query word matches: a term (stem) of the language, with the typos its forms took:
 * `typos` for any form, and per form number (`forms[f]`, when set) 1 + typos + EXACT if it is
 * the query word as typed, or + NEAR if it is one edit from it (exactness is of the written
 * word, not the stem: "desconectadas" is nearer "desconectada" than "desconecta").
 */
interface Alternative {
  stem: string;
  term: number;
  typos: number;
  forms: Uint8Array | null;
}

/** A vocabulary word a query word may stand for (for "showing results for …"). */
interface Reading {
  word: string;
  typos: number;
  exact: boolean;
}

const MAX_QUERY_WORDS = 10;
const MAX_POSITIONS = 8;
/** A word's postings are scanned in the full-match pass when at most this many times the slots left, else each slot's are found by binary search. */
const PROBE_COST = 12;
const LANG_BIT: Record<Lang, number> = { en: 1, fr: 2, de: 4, es: 8, it: 16 };
const EXACT = 4;
const NEAR = 8;
const ALIVE = 1;
const RESTRICTED = 2;
const SIBLINGS = 3;
const isLang = (l: string): l is Lang => (LANGS as readonly string[]).includes(l);
/** Per language, word number → its term + 1 there (0: not computed yet, -1: a stop word). */
type WordTerms = Record<Lang, Int32Array>;
/** Per language, word number → its form number within its term; and term → forms numbered so far. */
type Forms = Record<Lang, Uint8Array>;
const langRecord = <T>(make: () => T): Record<Lang, T> => ({ en: make(), fr: make(), de: make(), es: make(), it: make() });

/**
 * A tenant's published articles as an in-process search index (KB-3, issue 11): per language
 * an inverted index of stemmed, folded words with their positions (title before body, flat
 * arrays: postings.ts), and one vocabulary of folded words with a deletion neighbourhood for
 * typo candidates (vocabulary.ts; verified by optimal-string-alignment distance). PostgreSQL
 * stays the store of record: the index is built from it and told of every change
 * (kb-search-index.ts). Built by `upsert`s then `seal`; later `upsert`s and `remove`s apply at once.
 */
export class TenantIndex {
  private slots: Slot[] = [];
  /** 1 for a live slot, per slot number (the postings' merges read it). */
  private alive = new Uint8Array(1024);
  /** Per slot: ALIVE, RESTRICTED, and the language bits of its article's translations (from bit SIBLINGS). */
  private slotFlags = new Uint16Array(1024);
  /** Per slot, what ranking reads of every candidate, in flat arrays (no pointer chasing through slot objects). */
  private slotTitleWords = new Uint16Array(1024);
  private slotBodyWords = new Int32Array(1024);
  private slotViews = new Int32Array(1024);
  /** Per slot, its language's number in LANGS (the full-match pass probes a slot only for its own language's terms). */
  private slotLang = new Uint8Array(1024);
  /** Per slot, its body's excerpt checkpoints (highlight.ts): checkpoints.buf[checkFrom[slot] .. + checkCount[slot]). */
  private checkpoints = new IntList(4096);
  private checkFrom = new Int32Array(1024);
  private checkCount = new Uint16Array(1024);
  private dead = 0;
  /** Sum of live slots' body words, for the average body length. */
  private bodyWordsTotal = 0;
  private articles = new Map<string, Article>();
  private postings: Record<Lang, LangPostings> = { en: new LangPostings(), fr: new LangPostings(), de: new LangPostings(), es: new LangPostings(), it: new LangPostings() };
  private vocab = new Vocabulary();
  private wordTerms: WordTerms = langRecord(() => new Int32Array(1024));
  private wordForm: Forms = langRecord(() => new Uint8Array(1024));
  private termForms: Forms = langRecord(() => new Uint8Array(1024));
  /** Per language, the words of each term as a linked list: term → first word + 1, word → next word + 1. */
  private termFirstWord: WordTerms = langRecord(() => new Int32Array(1024));
  private nextFormWord: WordTerms = langRecord(() => new Int32Array(1024));
  private sealed = false;
  private scratch = new Candidates();

  /** `bounded: false` collects every candidate and computes every one's full key (tests compare the bounded passes with it). */
  constructor(private readonly options: { bounded: boolean } = { bounded: true }) {}

  get size(): number {
    return this.articles.size;
  }

  /** Adds or replaces an article (one that is no longer published is `remove`d instead). */
  upsert(doc: ArticleDoc): void {
    this.remove(doc.id);
    const { translations, ...rest } = doc;
    const article: Article = { doc: rest, audience: new Set(doc.audienceCustomerIds), slots: {} };
    let siblings = 0;
    for (const t of translations) if (isLang(t.language)) siblings |= LANG_BIT[t.language];
    for (const t of translations) {
      if (!isLang(t.language)) continue;
      const slot = this.slots.length;
      const s: Slot = { article, language: t.language, title: t.title, body: t.body };
      this.slots.push(s);
      this.alive = ensure(this.alive, slot + 1);
      this.alive[slot] = 1;
      this.slotFlags = ensure(this.slotFlags, slot + 1);
      this.slotFlags[slot] = ALIVE | (doc.audienceRestricted ? RESTRICTED : 0) | (siblings << SIBLINGS);
      article.slots[t.language] = slot;
      const titleWords = this.addText(t.language, slot, t.title, 0);
      const bodyWords = this.addText(t.language, slot, t.body, BODY);
      this.bodyWordsTotal += bodyWords;
      this.slotTitleWords = ensure(this.slotTitleWords, slot + 1);
      this.slotBodyWords = ensure(this.slotBodyWords, slot + 1);
      this.slotViews = ensure(this.slotViews, slot + 1);
      this.slotLang = ensure(this.slotLang, slot + 1);
      this.slotLang[slot] = LANGS.indexOf(t.language);
      this.checkFrom = ensure(this.checkFrom, slot + 1);
      this.checkCount = ensure(this.checkCount, slot + 1);
      this.checkFrom[slot] = this.checkpoints.len;
      this.checkCount[slot] = Math.min(checkpointsOf(t.language, t.body, this.checkpoints), 0xffff);
      this.slotTitleWords[slot] = Math.min(titleWords, 0xffff);
      this.slotBodyWords[slot] = bodyWords;
      this.slotViews[slot] = doc.viewCount;
    }
    this.articles.set(doc.id, article);
  }

  /** Ends the initial build: the postings and the vocabulary's lookups are sealed into flat arrays. */
  seal(): void {
    this.vocab.seal();
    for (const lang of LANGS) this.postings[lang].seal(this.alive);
    this.sealed = true;
  }

  remove(id: string): void {
    const article = this.articles.get(id);
    if (!article) return;
    for (const slot of Object.values(article.slots)) {
      const s = this.slots[slot];
      if (s && this.alive[slot]) {
        this.alive[slot] = 0;
        this.bodyWordsTotal -= this.slotBodyWords[slot] as number;
        this.slotFlags[slot] = 0;
        s.title = '';
        s.body = '';
        this.dead++;
      }
    }
    this.articles.delete(id);
    if (this.dead > 1000 && this.dead > this.slots.length / 4) {
      for (const lang of LANGS) this.postings[lang].compact(this.alive);
      this.dead = 0;
    }
  }

  /**
   * Indexes a title or body; answers how many of its words are not stop words. Positions count
   * words that are not stop words, so "reset your password" holds its two words side by side.
   */
  private addText(lang: Lang, slot: number, text: string, base: number): number {
    const postings = this.postings[lang];
    const bit = LANG_BIT[lang];
    let words = 0;
    let lastToken = -1;
    for (const { word, position: token } of indexedWords(text)) {
      const id = this.vocab.learn(word, bit);
      const terms = (this.wordTerms[lang] = ensure(this.wordTerms[lang], id + 1));
      let t = terms[id] as number;
      if (t === 0) t = this.termOfWord(lang, id, word);
      if (t < 0) continue;
      if (token !== lastToken) words++;
      lastToken = token;
      postings.add(t - 1, slot, pack(this.wordForm[lang][id] as number, base + words - 1), this.alive);
    }
    return words;
  }

  /** Numbers a word's term (and its form within it) in a language the first time it is indexed there. */
  private termOfWord(lang: Lang, id: number, word: string): number {
    if (isStopWord(lang, word)) return (this.wordTerms[lang][id] = -1);
    const term = this.postings[lang].termOf(stem(lang, word));
    const forms = (this.termForms[lang] = ensure(this.termForms[lang], term + 1));
    const form = forms[term] as number;
    if (form < OTHER_FORM) forms[term] = form + 1;
    this.wordForm[lang] = ensure(this.wordForm[lang], id + 1);
    this.wordForm[lang][id] = form;
    const first = (this.termFirstWord[lang] = ensure(this.termFirstWord[lang], term + 1));
    const next = (this.nextFormWord[lang] = ensure(this.nextFormWord[lang], id + 1));
    next[id] = first[term] as number;
    first[term] = id + 1;
    return (this.wordTerms[lang][id] = term + 1);
  }

  /**
   * The reader's best articles for `q`, ranked by: query words matched (desc), typos (asc),
   * proximity of the matched words (asc), words matched in the title (desc), exact words (desc),
   * title coverage (desc), readings (desc). Every word may carry typos (1 from 5 letters, 2 from
   * 9); the last one also matches as a prefix when it is no word of its own (typing in progress).
   */
  search(reader: SearchReader, q: string, limit: number): SearchAnswer {
    if (!this.sealed) this.seal();
    const own = isLang(reader.language) ? reader.language : 'en';
    const fallback = isLang(reader.defaultLanguage) ? reader.defaultLanguage : own;
    const langs: Lang[] = own === fallback ? [own] : [own, fallback];
    const words = this.joinKnown(q, queryWords(q), langs).slice(0, MAX_QUERY_WORDS);
    const content = words.filter((w) => !isStopWord(own, w.word));
    if (content.length === 0) return { items: [], corrected: null };

    const exactSomewhere = new Set<number>();
    const perLang = langs.map((lang) => {
      const found = content.map((w, i) => this.alternatives(lang, w.word, i === content.length - 1 && !/\s$/.test(q)));
      found.forEach((f, i) => {
        if (f.readings.some((x) => x.exact || x.typos === 0)) exactSomewhere.add(i);
      });
      return { lang, alts: found.map((f) => f.alts), readings: found.map((f) => f.readings) };
    });
    const corrected = this.corrections(q, content, perLang, exactSomewhere);

    const sc = this.scratch;
    sc.begin(this.slots.length);
    if (!this.options.bounded || !(this.collectFullMatches(reader, own, perLang, content.length, limit) || this.collectTitleMatches(reader, own, perLang, content.length, limit))) {
      sc.begin(this.slots.length);
      for (const { lang, alts } of perLang) for (let i = 0; i < alts.length; i++) this.collectWord(reader, own, lang, alts[i] as Alternative[], i);
    }
    const altsOf = Object.fromEntries(perLang.map((p) => [p.lang, p.alts])) as Partial<Record<Lang, Alternative[][]>>;

    const top = this.rank(content.length, limit, altsOf);
    const matchedIn = new Map<Lang, Set<string>>();
    const items = top.map(({ slot, positions }) => {
      const s = this.slots[slot] as Slot;
      let matched = matchedIn.get(s.language);
      if (!matched) matchedIn.set(s.language, (matched = this.matchedWords(s.language, altsOf[s.language] ?? [])));
      let firstWord = -1;
      for (let x = 1; x < positions.length; x += 2) {
        const pos = positions[x] as number;
        if (pos >= BODY && (firstWord < 0 || pos - BODY < firstWord)) firstWord = pos - BODY;
      }
      const from = this.checkFrom[slot] as number;
      const snippet = snippetFor(s.language, s.body, matched, Math.max(firstWord, 0), this.checkpoints.buf.subarray(from, from + (this.checkCount[slot] as number)));
      return {
        id: s.article.doc.id,
        language: s.language,
        title: s.title,
        titleHighlights: highlightTitle(s.title, matched),
        snippet: snippet.text,
        highlights: snippet.highlights,
        categoryId: s.article.doc.categoryId,
        updatedAt: s.article.doc.updatedAt,
      };
    });
    return { items, corrected };
  }

  /**
   * Two or three neighbouring query words that the articles write as one word are searched as
   * it ("out of office" → "outofoffice", as "out-of-office" is indexed; "pass word" → "password").
   */
  private joinKnown(q: string, words: QueryWord[], langs: Lang[]): QueryWord[] {
    const out: QueryWord[] = [];
    for (let i = 0; i < words.length; ) {
      let taken = 1;
      for (const n of [3, 2]) {
        const group = words.slice(i, i + n);
        if (group.length < n || group.some((w, k) => k > 0 && !/^[\s-]*$/.test(q.slice((group[k - 1] as QueryWord).end, w.start)))) continue;
        const joined = group.map((w) => w.word).join('');
        const id = this.vocab.idOf(joined);
        if (id === undefined || !langs.some((l) => (this.wordTerms[l][id] ?? 0) > 0)) continue;
        out.push({ word: joined, start: (group[0] as QueryWord).start, end: (group[n - 1] as QueryWord).end });
        taken = n;
        break;
      }
      if (taken === 1) out.push(words[i] as QueryWord);
      i += taken;
    }
    return out;
  }

  /** The query with the words no language knew as written replaced by their closest, most common candidate (null: none). */
  private corrections(q: string, content: QueryWordLike[], perLang: Array<{ lang: Lang; readings: Reading[][] }>, exactSomewhere: ReadonlySet<number>): string | null {
    const corrections = new Map<number, { display: string; typos: number; count: number }>();
    for (const { lang, readings } of perLang) {
      readings.forEach((a, i) => {
        if (exactSomewhere.has(i)) return;
        for (const x of a) {
          const id = this.vocab.idOf(x.word);
          if (id === undefined || !((this.vocab.langs[id] as number) & LANG_BIT[lang])) continue;
          const count = this.vocab.counts[id] as number;
          const best = corrections.get(i);
          if (!best || x.typos < best.typos || (x.typos === best.typos && count > best.count)) corrections.set(i, { display: x.word, typos: x.typos, count });
        }
      });
    }
    if (corrections.size === 0) return null;
    let out = '';
    let at = 0;
    content.forEach((w, i) => {
      const c = corrections.get(i);
      if (!c) return;
      out += q.slice(at, w.start) + c.display;
      at = w.end;
    });
    return (out + q.slice(at)).trim();
  }

  /**
   * The terms a query word matches in `lang`: its own stem when the language has it (its other
   * forms without typos); else its typo candidates' stems (and, for the last word, the words it
   * begins), each form with the typos of the closest candidate spelled so.
   */
  private alternatives(lang: Lang, word: string, last: boolean): { alts: Alternative[]; readings: Reading[] } {
    const postings = this.postings[lang];
    const byTerm = new Map<number, Alternative>();
    const readings: Reading[] = [];
    const consider = (id: number, typos: number, closeness: number) => {
      if (!((this.vocab.langs[id] as number) & LANG_BIT[lang])) return;
      const t = (this.wordTerms[lang][id] ?? 0) - 1;
      if (t < 0) return;
      const w = this.vocab.text[id] as string;
      readings.push({ word: w, typos, exact: closeness === EXACT });
      let alt = byTerm.get(t);
      if (!alt) byTerm.set(t, (alt = { stem: stem(lang, w), term: t, typos, forms: null }));
      alt.typos = Math.min(alt.typos, typos);
      const form = this.wordForm[lang][id] as number;
      if (form === OTHER_FORM) return;
      alt.forms ??= new Uint8Array(OTHER_FORM);
      const flags = 1 + typos + closeness;
      const had = alt.forms[form] as number;
      if (had === 0 || (flags & 3) < (had & 3) || ((flags & 3) === (had & 3) && flags > had)) alt.forms[form] = flags;
    };
    const own = stem(lang, word);
    const ownTerm = postings.terms.get(own);
    if (ownTerm !== undefined && postings.has(own)) {
      // Its forms: the word as typed is exact, one edit from it near, the others plain.
      byTerm.set(ownTerm, { stem: own, term: ownTerm, typos: 0, forms: null });
      let known = false;
      for (let f = this.termFirstWord[lang][ownTerm] ?? 0; f > 0; f = this.nextFormWord[lang][f - 1] ?? 0) {
        const w = this.vocab.text[f - 1] as string;
        if (w === word) {
          consider(f - 1, 0, EXACT);
          known = true;
        } else if (osaDistance(word, w, 1) <= 1) consider(f - 1, 0, NEAR);
      }
      if (!known) readings.push({ word, typos: 0, exact: true });
      return { alts: [...byTerm.values()], readings };
    }
    if (last && word.length >= 2) for (const w of this.vocab.prefixed(word)) consider(this.vocab.idOf(w) as number, 0, 0);
    for (const c of this.vocab.typoCandidates(word)) consider(c.id, c.typos, 0);
    return { alts: [...byTerm.values()].filter((a) => postings.has(a.stem)), readings };
  }

  /** Every written form of the terms the query matched in `lang` (folded words), for highlighting: no stemming per word shown. */
  private matchedWords(lang: Lang, alts: Alternative[][]): Set<string> {
    const out = new Set<string>();
    for (const word of alts)
      for (const alt of word) for (let f = this.termFirstWord[lang][alt.term] ?? 0; f > 0; f = this.nextFormWord[lang][f - 1] ?? 0) out.add(this.vocab.text[f - 1] as string);
    return out;
  }

  /**
   * Marks every visible slot holding one of query word `i`'s alternatives in `lang` as a
   * candidate, with what it matched. With `need` (a mask of query words), only slots already
   * candidates and holding all of those words are touched (the full-match pass).
   */
  private collectWord(reader: SearchReader, own: Lang, lang: Lang, alts: Alternative[], i: number, need = -1): void {
    const postings = this.postings[lang];
    const occ = postings.sealedOcc;
    const ownBit = LANG_BIT[own];
    const otherLang = lang !== own;
    for (const alt of alts) {
      const forms = alt.forms;
      const base = alt.typos;
      for (let x = postings.rangeStart(alt.term) * 2, end = postings.rangeEnd(alt.term) * 2; x < end; x += 2) {
        const slot = occ[x] as number;
        if (need >= 0 && !this.isCandidateWith(slot, need)) continue;
        const packed = occ[x + 1] as number;
        const f = forms === null ? 0 : (forms[formOf(packed)] ?? 0);
        this.touch(reader, otherLang, ownBit, slot, positionOf(packed), i, f === 0 ? base : f - 1);
      }
      const d = postings.deltaOf(alt.term);
      if (d)
        for (let x = 0; x < d.len; x += 2) {
          const slot = d.buf[x] as number;
          if (need >= 0 && !this.isCandidateWith(slot, need)) continue;
          const packed = d.buf[x + 1] as number;
          const f = forms === null ? 0 : (forms[formOf(packed)] ?? 0);
          this.touch(reader, otherLang, ownBit, slot, positionOf(packed), i, f === 0 ? base : f - 1);
        }
    }
  }

  /** The slot is a candidate of this search (seen and visible) holding every query word of `need`. */
  private isCandidateWith(slot: number, need: number): boolean {
    const sc = this.scratch;
    if (sc.stamp[slot] !== sc.generation) return false;
    const k = sc.at[slot] as number;
    return k >= 0 && ((sc.matched[k] as number) & need) === need;
  }

  /**
   * Max-score on the first ranking rule (query words matched): an article lacking a query word
   * ranks below every article holding them all, so when at least `limit` visible articles hold
   * them all, no other can make the page. This collects the rarest word's slots fully, then
   * only those slots' occurrences of each other word (rarest first; a slot lacking a word is
   * dropped from later probes), each by a scan of the word's postings or, when they are many
   * more than the slots left, by a binary search per slot. Answers whether at least `limit`
   * hold every word; then the candidates are complete for every article that can make the
   * page (the others only ever rank lower), else the caller collects everything.
   */
  private collectFullMatches(reader: SearchReader, own: Lang, perLang: Array<{ lang: Lang; alts: Alternative[][] }>, words: number, limit: number): boolean {
    if (words < 2) return false;
    const sizes: number[] = [];
    for (let i = 0; i < words; i++) {
      let n = 0;
      for (const { lang, alts } of perLang) {
        const postings = this.postings[lang];
        for (const alt of alts[i] ?? []) n += postings.rangeEnd(alt.term) - postings.rangeStart(alt.term) + (postings.deltaOf(alt.term)?.len ?? 0) / 2;
      }
      if (n === 0) return false;
      sizes.push(n);
    }
    const order = sizes.map((_, i) => i).sort((a, b) => (sizes[a] as number) - (sizes[b] as number));
    const first = order[0] as number;
    for (const { lang, alts } of perLang) this.collectWord(reader, own, lang, alts[first] ?? [], first);
    const sc = this.scratch;
    let need = 1 << first;
    for (let o = 1; o < words; o++) {
      const i = order[o] as number;
      let left = 0;
      for (let k = 0; k < sc.n; k++) if (((sc.matched[k] as number) & need) === need) left++;
      if (left < limit) return false;
      for (const { lang, alts } of perLang) {
        const postings = this.postings[lang];
        let occurrences = 0;
        for (const alt of alts[i] ?? []) occurrences += postings.rangeEnd(alt.term) - postings.rangeStart(alt.term);
        if (occurrences <= left * PROBE_COST) this.collectWord(reader, own, lang, alts[i] ?? [], i, need);
        else this.probeWord(lang, alts[i] ?? [], i, need);
      }
      need |= 1 << i;
    }
    let full = 0;
    for (let k = 0; k < sc.n; k++) if (((sc.matched[k] as number) & need) === need) full++;
    return full >= limit;
  }

  /**
   * The same bound on the next rules for a one-word query: an article holding the word in its
   * title with the fewest typos any alternative has ranks above every article without it in its
   * title. So the slots holding an alternative in their title (the postings' title lists) are
   * marked, then all their occurrences of every alternative collected; answers whether at least
   * `limit` visible ones have those fewest typos (else the caller collects everything).
   */
  private collectTitleMatches(reader: SearchReader, own: Lang, perLang: Array<{ lang: Lang; alts: Alternative[][] }>, words: number, limit: number): boolean {
    if (words !== 1) return false;
    const sc = this.scratch;
    const ownBit = LANG_BIT[own];
    let fewest = 3;
    let titled = 0;
    for (const { lang, alts } of perLang) {
      const postings = this.postings[lang];
      const list = postings.titleSlotList;
      const otherLang = lang !== own;
      for (const alt of alts[0] ?? []) {
        if (alt.typos < fewest) fewest = alt.typos;
        for (let x = postings.titleRangeStart(alt.term), end = postings.titleRangeEnd(alt.term); x < end; x++) titled += this.mark(reader, otherLang, ownBit, list[x] as number);
        const d = postings.deltaOf(alt.term);
        if (d) for (let x = 0; x < d.len; x += 2) if (positionOf(d.buf[x + 1] as number) < BODY) titled += this.mark(reader, otherLang, ownBit, d.buf[x] as number);
      }
    }
    if (titled < limit) return false;
    for (const { lang, alts } of perLang) {
      const postings = this.postings[lang];
      let occurrences = 0;
      for (const alt of alts[0] ?? []) occurrences += postings.rangeEnd(alt.term) - postings.rangeStart(alt.term);
      if (occurrences <= sc.n * PROBE_COST) this.collectWord(reader, own, lang, alts[0] ?? [], 0, 0);
      else this.probeWord(lang, alts[0] ?? [], 0, 0);
    }
    let best = 0;
    for (let k = 0; k < sc.n; k++) if (((sc.typos[k] as number) & 3) === fewest) best++;
    return best >= limit;
  }

  /** Makes a slot a candidate (when visible) without an occurrence yet; answers 1 when it newly became one. */
  private mark(reader: SearchReader, otherLang: boolean, ownBit: number, slot: number): number {
    const sc = this.scratch;
    if (sc.stamp[slot] === sc.generation) return 0;
    sc.stamp[slot] = sc.generation;
    if (!this.visible(reader, otherLang, ownBit, slot)) {
      sc.at[slot] = -1;
      return 0;
    }
    sc.add(slot);
    return 1;
  }

  /** The bounded passes for a word with many occurrences: each candidate of `lang` holding every word of `need` looks its occurrences up by binary search. */
  private probeWord(lang: Lang, alts: Alternative[], i: number, need: number): void {
    const sc = this.scratch;
    const postings = this.postings[lang];
    const occ = postings.sealedOcc;
    const langNo = LANGS.indexOf(lang);
    const n = sc.n;
    for (const alt of alts) {
      const forms = alt.forms;
      const base = alt.typos;
      const from = postings.rangeStart(alt.term);
      const to = postings.rangeEnd(alt.term);
      for (let k = 0; k < n; k++) {
        if (((sc.matched[k] as number) & need) !== need) continue;
        const slot = sc.slot[k] as number;
        if (this.slotLang[slot] !== langNo) continue;
        let lo = from;
        let hi = to;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((occ[mid * 2] as number) < slot) lo = mid + 1;
          else hi = mid;
        }
        for (let x = lo * 2; x < to * 2 && occ[x] === slot; x += 2) {
          const packed = occ[x + 1] as number;
          const f = forms === null ? 0 : (forms[formOf(packed)] ?? 0);
          this.hit(k, positionOf(packed), i, f === 0 ? base : f - 1);
        }
      }
      const d = postings.deltaOf(alt.term);
      if (d)
        for (let x = 0; x < d.len; x += 2) {
          const slot = d.buf[x] as number;
          if (!this.isCandidateWith(slot, need)) continue;
          const packed = d.buf[x + 1] as number;
          const f = forms === null ? 0 : (forms[formOf(packed)] ?? 0);
          this.hit(sc.at[slot] as number, positionOf(packed), i, f === 0 ? base : f - 1);
        }
    }
  }

  /** One occurrence of query word `i` (flags: its typos, + EXACT or NEAR) in `slot`. */
  private touch(reader: SearchReader, otherLang: boolean, ownBit: number, slot: number, pos: number, i: number, flags: number): void {
    const sc = this.scratch;
    let k: number;
    if (sc.stamp[slot] !== sc.generation) {
      sc.stamp[slot] = sc.generation;
      k = this.visible(reader, otherLang, ownBit, slot) ? sc.add(slot) : (sc.at[slot] = -1);
    } else k = sc.at[slot] as number;
    if (k >= 0) this.hit(k, pos, i, flags);
  }

  /** One occurrence of query word `i` in candidate `k`. */
  private hit(k: number, pos: number, i: number, flags: number): void {
    const sc = this.scratch;
    const bit = 1 << i;
    const shift = 2 * i;
    sc.matched[k]! |= bit;
    const had = sc.typos[k] as number;
    const typos = flags & 3;
    if (typos < ((had >> shift) & 3)) sc.typos[k] = (had & ~(3 << shift)) | (typos << shift);
    if (flags & EXACT) sc.exact[k]! |= bit;
    else if (flags & NEAR) sc.near[k]! |= bit;
    if (pos < BODY) {
      sc.title[k]! |= bit;
      sc.titleHits[k]!++;
      if (pos < (sc.titleFirst[k] as number)) sc.titleFirst[k] = pos;
    } else {
      sc.bodyHits[k]!++;
    }
  }

  /**
   * Published (the index holds nothing else), live, for this customer, and the translation the
   * reader is shown: their own language's, else (`otherLang`) only when the article has none in it.
   */
  private visible(reader: SearchReader, otherLang: boolean, ownBit: number, slot: number): boolean {
    const f = this.slotFlags[slot] as number;
    if (!(f & ALIVE)) return false;
    if (otherLang && (f >> SIBLINGS) & ownBit) return false;
    if (f & RESTRICTED) return (this.slots[slot] as Slot).article.audience.has(reader.customerId);
    return true;
  }

  /** A candidate's (word, position) pairs, at most MAX_POSITIONS per alternative, for proximity and the snippet. */
  private positionsOf(k: number, words: number, altsOf: Partial<Record<Lang, Alternative[][]>>): number[] {
    const sc = this.scratch;
    const slot = sc.slot[k] as number;
    const lang = (this.slots[slot] as Slot).language;
    const alts = altsOf[lang] ?? [];
    const postings = this.postings[lang];
    const out: number[] = [];
    for (let i = 0; i < words; i++) {
      if (!((sc.matched[k] as number) & (1 << i))) continue;
      for (const alt of alts[i] ?? []) postings.positions(alt.term, slot, i, MAX_POSITIONS, out);
    }
    return out;
  }

  /**
   * The best `limit` candidates (a small sorted list, not a sort of them all): key, then
   * readings, then id. Each candidate at or above the cheap pass's floor gets the largest key it
   * can have (its matched words side by side); they are taken largest first from a heap, and
   * only those whose ceiling reaches the list's last entry have their positions read for the
   * true proximity. Once a ceiling is below it, no candidate left can make the list.
   */
  private rank(words: number, limit: number, altsOf: Partial<Record<Lang, Alternative[][]>>): Array<{ slot: number; positions: number[] }> {
    const sc = this.scratch;
    type Entry = { k: number; key: number; views: number; id: string; positions: number[] | null };
    const top: Entry[] = [];
    const before = (a: Entry, b: Entry) => a.key > b.key || (a.key === b.key && (a.views > b.views || (a.views === b.views && a.id < b.id)));
    const input: RankInput = { matched: 0, title: 0, exact: 0, near: 0, typos: 0, titleHits: 0, titleWords: 0, titleFirst: 0, bodyHits: 0, bodyWords: 0, averageBodyWords: this.averageBodyWords() };
    const bounded = this.options.bounded;
    const floor = bounded ? this.rankFloor(words, limit, input) : -1;
    sc.heap = ensure(sc.heap, sc.n);
    sc.ceiling = ensure(sc.ceiling, sc.n);
    const { heap, ceiling } = sc;
    let size = 0;
    for (let k = 0; k < sc.n; k++) {
      if (bounded && (sc.pre[k] as number) < floor) continue;
      this.rankInput(k, input);
      const matched = popcount(input.matched);
      ceiling[k] = fullKey(input, words, matched > 1 ? matched - 1 : 0);
      heap[size++] = k;
    }
    for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(heap, ceiling, size, at);
    while (size > 0) {
      const k = heap[0] as number;
      heap[0] = heap[--size] as number;
      siftDown(heap, ceiling, size, 0);
      let key = ceiling[k] as number;
      const worst = top.length >= limit ? top[top.length - 1] : undefined;
      if (bounded && worst && key < worst.key) break;
      let positions: number[] | null = null;
      if (popcount(sc.matched[k] as number) > 1) {
        this.rankInput(k, input);
        positions = this.positionsOf(k, words, altsOf);
        key = fullKey(input, words, proximityOf(positions, input.matched, words));
        if (worst && key < worst.key) continue;
      }
      const slot = sc.slot[k] as number;
      const views = this.slotViews[slot] as number;
      if (worst && key === worst.key && views < worst.views) continue;
      const entry: Entry = { k, key, views, id: (this.slots[slot] as Slot).article.doc.id, positions };
      if (worst && !before(entry, worst)) continue;
      let at = top.length;
      while (at > 0 && before(entry, top[at - 1] as Entry)) at--;
      top.splice(at, 0, entry);
      if (top.length > limit) top.pop();
    }
    return top.map((e) => ({ slot: sc.slot[e.k] as number, positions: e.positions ?? this.positionsOf(e.k, words, altsOf) }));
  }

  /** What ranking reads of candidate `k`, into `input`. */
  private rankInput(k: number, input: RankInput): void {
    const sc = this.scratch;
    const slot = sc.slot[k] as number;
    input.matched = sc.matched[k] as number;
    input.typos = sc.typos[k] as number;
    input.title = sc.title[k] as number;
    input.exact = sc.exact[k] as number;
    input.near = sc.near[k] as number;
    input.titleHits = sc.titleHits[k] as number;
    input.titleWords = this.slotTitleWords[slot] as number;
    input.titleFirst = sc.titleFirst[k] as number;
    input.bodyHits = sc.bodyHits[k] as number;
    input.bodyWords = this.slotBodyWords[slot] as number;
  }

  /**
   * A first, cheap pass: each candidate's leading rules as one small number (`pre`: query words
   * matched and typos; for a candidate matching one word, where proximity plays no part, also
   * title and exactness), and the `limit`-th best of them. No candidate below it can make the list, so the
   * full rules are computed only for those at or above it.
   */
  private rankFloor(words: number, limit: number, input: RankInput): number {
    const sc = this.scratch;
    sc.pre = ensure(sc.pre, sc.n);
    const best: number[] = [];
    for (let k = 0; k < sc.n; k++) {
      input.matched = sc.matched[k] as number;
      input.typos = sc.typos[k] as number;
      // One word matched: no proximity, so title and exactness follow at once. More: every
      // candidate of that words-and-typos bucket gets the bucket's top (one bucket is all one or all more).
      const one = popcount(input.matched) <= 1;
      const m = input.matched;
      const pre = (coarseKey(input, words) * 2 + (one ? +((sc.title[k] as number) !== 0) : 1)) * 3 + (one ? ((sc.exact[k] as number) & m ? 2 : +(((sc.near[k] as number) & m) !== 0)) : 2);
      sc.pre[k] = pre;
      if (best.length === limit && pre <= (best[limit - 1] as number)) continue;
      let at = best.length;
      while (at > 0 && pre > (best[at - 1] as number)) at--;
      best.splice(at, 0, pre);
      if (best.length > limit) best.pop();
    }
    return best.length === limit ? (best[limit - 1] as number) : -1;
  }

  private averageBodyWords(): number {
    const live = this.slots.length - this.dead;
    return live > 0 ? Math.max(1, this.bodyWordsTotal / live) : 1;
  }

  /** Approximate bytes held (for the memory report). */
  memoryEstimate(): number {
    let bytes = this.vocab.bytes() + this.alive.byteLength + this.checkpoints.bytes() + this.checkFrom.byteLength + this.checkCount.byteLength;
    for (const lang of LANGS) bytes += this.postings[lang].bytes() + this.wordTerms[lang].byteLength;
    for (const s of this.slots) bytes += s.title.length + s.body.length + 64;
    return bytes + this.articles.size * 200;
  }
}

type QueryWordLike = { start: number; end: number };

/** Restores the max-heap of candidate numbers by `ceiling` below `at`. */
function siftDown(heap: Int32Array, ceiling: Float64Array, size: number, at: number): void {
  const k = heap[at] as number;
  const key = ceiling[k] as number;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && (ceiling[heap[child + 1] as number] as number) > (ceiling[heap[child] as number] as number)) child++;
    if ((ceiling[heap[child] as number] as number) <= key) break;
    heap[at] = heap[child] as number;
    at = child;
  }
  heap[at] = k;
}

function popcount(bits: number): number {
  let n = 0;
  for (let b = bits; b; b &= b - 1) n++;
  return n;
}
