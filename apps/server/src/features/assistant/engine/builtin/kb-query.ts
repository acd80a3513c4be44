import type { Language } from '@porta/contracts/common';
import { isStopWord } from '../../../kb/search/text.ts';
import type { Lexicon } from './lexicon.ts';
import type { Tok } from './tokens.ts';

const MAX_WORDS = 8;

/** AI-5a: the words of a question worth searching the KB with (no greetings, politeness or stop words). */
export function kbQuery(toks: readonly Tok[], lang: Language, lex: Lexicon): string {
  const out: string[] = [];
  for (const t of toks) {
    const w = t.w;
    if (w.length < 2 && !/\d/.test(w)) continue;
    if (lex.filler.has(w) || lex.skip.has(w) || isStopWord(lang, w) || (lang !== 'en' && isStopWord('en', w) && w.length <= 3)) continue;
    if (!out.includes(t.raw.toLowerCase())) out.push(t.raw.toLowerCase());
    if (out.length >= MAX_WORDS) break;
  }
  return out.join(' ');
}
