import { stemmer as de } from '@orama/stemmers/german';
import { stemmer as en } from '@orama/stemmers/english';
import { stemmer as es } from '@orama/stemmers/spanish';
import { stemmer as fr } from '@orama/stemmers/french';
import { stemmer as it } from '@orama/stemmers/italian';
import { stopwords as deStop } from '@orama/stopwords/german';
import { stopwords as enStop } from '@orama/stopwords/english';
import { stopwords as esStop } from '@orama/stopwords/spanish';
import { stopwords as frStop } from '@orama/stopwords/french';
import { stopwords as itStop } from '@orama/stopwords/italian';

/** Text analysis for KB search (KB-3, issue 11): folding, words with offsets, stems, stop words, spellings. */
export type Lang = 'en' | 'fr' | 'de' | 'es' | 'it';
export const LANGS: readonly Lang[] = ['en', 'fr', 'de', 'es', 'it'];

/** Lower case without accents ("Écran" → "ecran", "Passwörter" → "passworter"); the same on both sides of a match. */
export function fold(word: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** "How to" words the Snowball lists leave out: a query made only of them answers nothing. */
const EXTRA_STOP: Record<Lang, string[]> = {
  en: ['how', 'do', 'can', 'what', 'why', 'get'],
  fr: ['comment', 'faire', 'fait', 'peux', 'quoi'],
  de: ['wie', 'machen', 'mache', 'kann', 'was', 'warum'],
  es: ['como', 'hacer', 'hago', 'puedo', 'que'],
  it: ['fare', 'faccio', 'posso', 'cosa', 'perche'],
};
const STOP_LISTS: Record<Lang, string[]> = { en: enStop, fr: frStop, de: deStop, es: esStop, it: itStop };
const STOP: Record<Lang, Set<string>> = Object.fromEntries(LANGS.map((l) => [l, new Set([...STOP_LISTS[l], ...EXTRA_STOP[l]].map(fold))])) as Record<Lang, Set<string>>;

export const isStopWord = (lang: Lang, folded: string): boolean => STOP[lang].has(folded);

const STEMMERS: Record<Lang, (w: string) => string> = { en, fr, de, es, it };

/**
 * Support words whose noun and verb the Snowball stemmers leave apart ("connexion" →
 * `connexion`, "connecter" → `connect`): each family searches as one stem, as English's
 * "connection" and "connect" already do. Matching another member counts as another form of the
 * word (exactness 0), so the word as typed still ranks first.
 */
const FAMILIES: Record<Lang, string[][]> = {
  en: [['login', 'signin'], ['logout', 'signout']],
  fr: [['connecter', 'connexion'], ['deconnecter', 'deconnexion'], ['imprimer', 'impression']],
  de: [],
  es: [['conectar', 'conexion'], ['desconectar', 'desconexion'], ['imprimir', 'impresion'], ['instalar', 'instalacion']],
  it: [['connettere', 'connessione', 'connesso'], ['disconnettere', 'disconnessione', 'disconnesso']],
};
const CANONICAL: Record<Lang, Map<string, string>> = Object.fromEntries(
  LANGS.map((l) => {
    const m = new Map<string, string>();
    for (const family of FAMILIES[l]) {
      const head = STEMMERS[l](family[0] as string);
      for (const w of family) m.set(STEMMERS[l](w), head);
    }
    return [l, m];
  }),
) as Record<Lang, Map<string, string>>;
const stemCache: Record<Lang, Map<string, string>> = { en: new Map(), fr: new Map(), de: new Map(), es: new Map(), it: new Map() };
const STEM_CACHE_MAX = 200_000;

/** The language's Snowball stem of a folded word (memoised: a vocabulary is far smaller than its texts). */
export function stem(lang: Lang, folded: string): string {
  const cache = stemCache[lang];
  let s = cache.get(folded);
  if (s === undefined) {
    if (/^\d+$/.test(folded)) s = folded;
    else {
      s = STEMMERS[lang](folded);
      s = CANONICAL[lang].get(s) ?? s;
    }
    if (cache.size >= STEM_CACHE_MAX) cache.clear();
    cache.set(folded, s);
  }
  return s;
}

/**
 * Words written in two pieces as often as in one: two neighbouring words that spell one of
 * these also count as it ("log in" → "login", "e mail" → "email"); hyphenated words count
 * joined too ("e-mail", "wi-fi", "E-Mail-Konto" → "email", "wifi", "emailkonto").
 */
export const JOINED = new Set(['login', 'logon', 'logout', 'signin', 'signup', 'signout', 'setup', 'backup', 'email', 'wifi', 'online', 'offline', 'startup', 'shutdown', 'username', 'smartphone', 'webmail', 'voicemail']);

export interface Token {
  /** Folded word. */
  word: string;
  start: number;
  end: number;
  /** The word before it is joined to it by a hyphen ("wi-fi"). */
  hyphenated: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text with their [start, end) offsets (the first `limit` only, when given). */
export function tokens(text: string, limit = Infinity): Token[] {
  const out: Token[] = [];
  let prevEnd = -2;
  for (const m of text.matchAll(WORD)) {
    if (out.length >= limit) break;
    const start = m.index;
    out.push({ word: m[0], start, end: start + m[0].length, hyphenated: start === prevEnd + 1 && text[prevEnd] === '-' });
    prevEnd = start + m[0].length;
  }
  for (const t of out) t.word = fold(t.word);
  return out;
}

/** A word to index at a position (title or body). */
export interface Indexed {
  word: string;
  position: number;
}

/**
 * What a text puts in the index: each word (stop words too keep their place, so positions
 * stay true) plus joined spellings at the first piece's position.
 */
export function indexedWords(text: string): Indexed[] {
  const ts = tokens(text);
  const out: Indexed[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as Token;
    out.push({ word: t.word, position: i });
    const next = ts[i + 1];
    if (next && (next.hyphenated || JOINED.has(t.word + next.word))) out.push({ word: t.word + next.word, position: i });
    if (next?.hyphenated) {
      let j = i + 1;
      let joined = t.word;
      while (ts[j]?.hyphenated) joined += (ts[j++] as Token).word;
      if (j > i + 2) out.push({ word: joined, position: i });
    }
  }
  return out;
}

/** A word of a query: hyphenated pieces and two-piece spellings are joined into one word. */
export interface QueryWord {
  word: string;
  /** The query text it came from (for "showing results for …"). */
  start: number;
  end: number;
}

export function queryWords(q: string): QueryWord[] {
  const ts = tokens(q);
  const out: QueryWord[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as Token;
    const last = out[out.length - 1];
    if (t.hyphenated && last) {
      last.word += t.word;
      last.end = t.end;
    } else if (last && JOINED.has(last.word + t.word) && q.slice(last.end, t.start).trim() === '') {
      last.word += t.word;
      last.end = t.end;
    } else out.push({ word: t.word, start: t.start, end: t.end });
  }
  return out;
}
