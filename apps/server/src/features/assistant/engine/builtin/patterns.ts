import { osaDistance } from '../../../kb/search/distance.ts';
import type { Tok } from './tokens.ts';

/**
 * Lexicon phrases as small token patterns: words separated by spaces; `a|b` alternatives;
 * `word*` a prefix; `…` up to four other words between (German separable verbs, "reset my
 * old password"). Matched on folded words; a word of 5+ letters may carry one typo (two from
 * 9), starting with the same letter, when it is not itself a word the lexicon knows.
 */
interface Alt {
  text: string;
  prefix: boolean;
}
type Element = { gap: true } | { gap: false; alts: Alt[] };
export interface Pattern {
  elements: Element[];
}

const GAP = 4;

export function compile(source: string): Pattern {
  const elements: Element[] = source
    .trim()
    .split(/\s+/)
    .map((part) => (part === '…' ? { gap: true as const } : { gap: false as const, alts: part.split('|').map((a) => ({ text: a.replace(/\*$/, ''), prefix: a.endsWith('*') })) }));
  return { elements };
}

export const budget = (word: string): number => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

function same(tok: string, alt: Alt, typos: number, known: ReadonlySet<string>): boolean {
  if (alt.prefix ? tok.startsWith(alt.text) : tok === alt.text) return true;
  if (typos === 0 || known.has(tok) || tok[0] !== alt.text[0]) return false;
  const b = Math.min(budget(alt.text), typos);
  if (b === 0) return false;
  if (!alt.prefix) return osaDistance(tok, alt.text, b) <= b;
  if (alt.text.length < 6) return false;
  for (let k = alt.text.length - 1; k <= alt.text.length + 1; k++) if (tok.length >= k && osaDistance(tok.slice(0, k), alt.text, 1) <= 1) return true;
  return false;
}

/** Where a pattern matches from `start`: the index after its last word, or -1. Stays in one clause. */
function matchAt(p: Pattern, toks: readonly Tok[], start: number, typos: number, known: ReadonlySet<string>): number {
  const clause = toks[start]?.clause;
  const go = (e: number, i: number): number => {
    if (e === p.elements.length) return i;
    const el = p.elements[e] as Element;
    if (el.gap) {
      for (let skip = 0; skip <= GAP; skip++) {
        const t = toks[i + skip];
        if (skip > 0 && (!t || t.clause !== clause)) break;
        const r = go(e + 1, i + skip);
        if (r >= 0) return r;
      }
      return -1;
    }
    const t = toks[i];
    if (!t || t.clause !== clause) return -1;
    return el.alts.some((a) => same(t.w, a, typos, known)) ? go(e + 1, i + 1) : -1;
  };
  return go(0, start);
}

/** Patterns with what each one means. */
export type Entries<T> = ReadonlyArray<{ pattern: Pattern; value: T }>;

export interface Hit<T> {
  start: number;
  end: number;
  value: T;
}

/**
 * Every match of the entries' patterns, exact matches first, then (on words no exact match
 * used) matches with one typo, then with two. Overlaps keep the earlier-listed entry.
 */
export function findAll<T>(entries: Entries<T>, toks: readonly Tok[], known: ReadonlySet<string>, fuzzy = true): Array<Hit<T>> {
  const hits: Array<Hit<T>> = [];
  const used = new Uint8Array(toks.length);
  for (const pass of fuzzy ? [0, 1, 2] : [0]) {
    for (const { pattern, value } of entries) {
      for (let i = 0; i < toks.length; i++) {
        if (used[i]) continue;
        const end = matchAt(pattern, toks, i, pass, known);
        if (end <= i) continue;
        let free = true;
        for (let k = i; k < end; k++) if (used[k]) free = false;
        if (!free) continue;
        for (let k = i; k < end; k++) used[k] = 1;
        hits.push({ start: i, end, value });
      }
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The literal words of some patterns (words the lexicon knows are never read as typos of others). */
export function wordsOf(patterns: readonly Pattern[]): string[] {
  const out: string[] = [];
  for (const p of patterns) for (const el of p.elements) if (!el.gap) for (const a of el.alts) if (!a.prefix) out.push(a.text);
  return out;
}
