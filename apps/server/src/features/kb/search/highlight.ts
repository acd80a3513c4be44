import { MARK_END, MARK_START } from '../kb-portal.repo.ts';
import { snippetOf } from '../snippet.ts';
import { fold, isStopWord, JOINED, type Lang, type Token, tokens } from './text.ts';

const BEFORE = 6;
const WORDS = 30;

/** The [start, end) spans of `text` whose folded words (or hyphen-joined pairs) are among `words`, the matched terms' forms. */
function matchedSpans(text: string, words: ReadonlySet<string>, from = 0, limit = Infinity): { ts: Token[]; spans: Array<[number, number]>; first: number } {
  const ts = tokens(text, limit);
  const spans: Array<[number, number]> = [];
  let first = -1;
  for (let i = from; i < ts.length; i++) {
    const t = ts[i] as Token;
    const next = ts[i + 1];
    if (next && (next.hyphenated || JOINED.has(t.word + next.word)) && words.has(t.word + next.word)) {
      spans.push([t.start, next.end]);
      if (first < 0) first = i;
      i++;
      continue;
    }
    if (words.has(t.word)) {
      spans.push([t.start, t.end]);
      if (first < 0) first = i;
    }
  }
  return { ts, spans, first };
}

/** The token number of the `word`-th word that is not a stop word (the index's positions count those); reads only up to it. */
function tokenOfWord(lang: Lang, body: string, word: number): number {
  if (word <= 0) return 0;
  let seen = 0;
  let i = 0;
  for (const m of body.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!isStopWord(lang, fold(m[0])) && seen++ === word) return i;
    i++;
  }
  return 0;
}

/** Where the title's matched words are, corrected ones included. */
export function highlightTitle(title: string, words: ReadonlySet<string>): Array<[number, number]> {
  return matchedSpans(title, words).spans;
}

/**
 * A short excerpt of the body around its first matched word (`firstWord`, the word number the
 * index knows; else its beginning), as plain text with the matched words' offsets (snippet.ts
 * turns the markers into offsets). Only the words up to the excerpt's end are read.
 */
export function snippetFor(lang: Lang, body: string, words: ReadonlySet<string>, firstWord: number): { text: string; highlights: Array<[number, number]> } {
  const from = Math.max(0, tokenOfWord(lang, body, firstWord) - BEFORE);
  const { ts, spans } = matchedSpans(body, words, from, from + WORDS + 2);
  if (ts.length === 0) return snippetOf(body.slice(0, 400));
  const to = Math.min(ts.length - 1, from + WORDS);
  const start = from === 0 ? 0 : (ts[from] as Token).start;
  const end = (ts[to] as Token).end;
  let marked = '';
  let at = start;
  for (const [s, e] of spans) {
    if (s < start || e > end) continue;
    marked += body.slice(at, s) + MARK_START + body.slice(s, e) + MARK_END;
    at = e;
  }
  marked += body.slice(at, end);
  const excerpt = snippetOf(marked);
  if (from === 0) return excerpt;
  return { text: `… ${excerpt.text}`, highlights: excerpt.highlights.map(([s, e]) => [s + 2, e + 2]) };
}
