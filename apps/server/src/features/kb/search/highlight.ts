import { MARK_END, MARK_START } from '../kb-portal.repo.ts';
import { snippetOf } from '../snippet.ts';
import { fold, isStopWord, JOINED, type Lang, type Token, tokens } from './text.ts';

const BEFORE = 6;
const WORDS = 30;
/** Every CHECKPOINT-th body word that is not a stop word has its offset kept (`checkpoints`), so an excerpt deep in a body is found without reading up to it. */
export const CHECKPOINT = 16;
/** Words a JOINED spelling can start with ("e" of "e mail"): only after one of them is a pair of words joined to be looked up. */
const JOINED_HEADS = new Set([...JOINED].flatMap((w) => Array.from({ length: w.length - 1 }, (_, n) => w.slice(0, n + 1))));

/** The [start, end) spans of the tokens `ts` whose folded words (or hyphen-joined pairs) are among `words`, the matched terms' forms. */
function matchedSpans(ts: Token[], words: ReadonlySet<string>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as Token;
    const next = ts[i + 1];
    if (next && (next.hyphenated || (JOINED_HEADS.has(t.word) && JOINED.has(t.word + next.word))) && words.has(t.word + next.word)) {
      spans.push([t.start, next.end]);
      i++;
      continue;
    }
    if (words.has(t.word)) spans.push([t.start, t.end]);
  }
  return spans;
}

/** Words, as `tokens` reads them (one regular expression for the whole module: each use runs to its end before the next). */
const WORD_RE = /[\p{L}\p{N}]+/gu;

/** Up to `limit` tokens of `text` from the one starting at `from` (a token's start): only those are read and folded. */
function tokensFrom(text: string, from: number, limit: number): Token[] {
  const out: Token[] = [];
  WORD_RE.lastIndex = from;
  let prevEnd = -2;
  for (let m = WORD_RE.exec(text); m !== null && out.length < limit; m = WORD_RE.exec(text)) {
    const start = m.index;
    out.push({ word: fold(m[0]), start, end: start + m[0].length, hyphenated: start === prevEnd + 1 && text[prevEnd] === '-' });
    prevEnd = start + m[0].length;
  }
  return out;
}

/**
 * Where the excerpt starts: the offset of the token BEFORE tokens ahead of the `word`-th word that
 * is not a stop word (the index's positions count those), or 0 when that is the first token or
 * earlier. Reads only up to it, from the last checkpoint at least BEFORE such words earlier (at
 * least BEFORE tokens earlier, so the token sought is after it); the excerpt's tokens are then
 * read from there, not from the start.
 */
function excerptStart(lang: Lang, body: string, word: number, checkpoints: ArrayLike<number>): number {
  if (word <= 0) return 0;
  const c = Math.min(Math.floor((word - BEFORE) / CHECKPOINT), checkpoints.length);
  const resumed = c >= 1;
  const starts = new Int32Array(BEFORE + 1);
  let seen = resumed ? c * CHECKPOINT : 0;
  let i = 0;
  WORD_RE.lastIndex = resumed ? (checkpoints[c - 1] as number) : 0;
  for (let m = WORD_RE.exec(body); m !== null; m = WORD_RE.exec(body), i++) {
    starts[i % (BEFORE + 1)] = m.index;
    if (!isStopWord(lang, fold(m[0])) && seen++ === word) return !resumed && i <= BEFORE ? 0 : (starts[(i - BEFORE) % (BEFORE + 1)] as number);
  }
  return 0;
}

/** The offsets of the body's CHECKPOINT-th, 2 × CHECKPOINT-th … words that are not stop words (counted as `excerptStart` counts them), pushed to `out`; answers how many. */
export function checkpointsOf(lang: Lang, body: string, out: { push(v: number): void }): number {
  let seen = 0;
  let n = 0;
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(body); m !== null; m = WORD_RE.exec(body)) {
    if (isStopWord(lang, fold(m[0]))) continue;
    if (seen > 0 && seen % CHECKPOINT === 0) {
      out.push(m.index);
      n++;
    }
    seen++;
  }
  return n;
}

/** Where the title's matched words are, corrected ones included. */
export function highlightTitle(title: string, words: ReadonlySet<string>): Array<[number, number]> {
  return matchedSpans(tokens(title), words);
}

/**
 * A short excerpt of the body around its first matched word (`firstWord`, the word number the
 * index knows; else its beginning), as plain text with the matched words' offsets (snippet.ts
 * turns the markers into offsets). Only the words up to the excerpt's end are read, from the
 * body's `checkpoints` (`checkpointsOf`) when given.
 */
export function snippetFor(lang: Lang, body: string, words: ReadonlySet<string>, firstWord: number, checkpoints: ArrayLike<number> = []): { text: string; highlights: Array<[number, number]> } {
  const start = excerptStart(lang, body, firstWord, checkpoints);
  const ts = tokensFrom(body, start, WORDS + 2);
  if (ts.length === 0) return snippetOf(body.slice(0, 400));
  const spans = matchedSpans(ts, words);
  const end = (ts[Math.min(ts.length - 1, WORDS)] as Token).end;
  let marked = '';
  let at = start;
  for (const [s, e] of spans) {
    if (s < start || e > end) continue;
    marked += body.slice(at, s) + MARK_START + body.slice(s, e) + MARK_END;
    at = e;
  }
  marked += body.slice(at, end);
  const excerpt = snippetOf(marked);
  if (start === 0) return excerpt;
  return { text: `… ${excerpt.text}`, highlights: excerpt.highlights.map(([s, e]) => [s + 2, e + 2]) };
}
