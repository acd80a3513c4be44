import type { Lexicon } from './lexicon.ts';
import type { Mood } from './lexicon.types.ts';
import { findAll, type Hit } from './patterns.ts';
import type { Tok } from './tokens.ts';

/** What a verb cue means where it stands: asked for, asked not to be done, or a description of a problem. */
export type Reading = 'request' | 'negated' | 'symptom';

/** The cues around verbs in one message, found once. */
export interface Context {
  toks: readonly Tok[];
  lex: Lexicon;
  cannot: Array<Hit<true>>;
  prohibit: Array<Hit<true>>;
  request: Array<Hit<true>>;
  symptom: Array<Hit<true>>;
}

export function context(toks: readonly Tok[], lex: Lexicon): Context {
  const find = (e: Lexicon['cannot']) => findAll(e, toks, lex.known, false);
  return { toks, lex, cannot: find(lex.cannot), prohibit: find(lex.prohibit), request: find(lex.request), symptom: find(lex.symptom) };
}

const clauseOf = (toks: readonly Tok[], i: number) => toks[i]?.clause ?? -1;

/** The verb opens its clause: only politeness, pronouns and negation particles before it (an imperative). */
function opensClause(c: Context, start: number): boolean {
  const clause = clauseOf(c.toks, start);
  for (let i = start - 1; i >= 0 && clauseOf(c.toks, i) === clause; i--) {
    const w = (c.toks[i] as Tok).w;
    if (!c.lex.skip.has(w) && !c.lex.filler.has(w)) return false;
  }
  return true;
}

/**
 * AI-5a, negation and confusables: a cue is a symptom when its form describes ("restarts",
 * "si riavvia"), when "can't"/"won't" precede it, when "keeps"/"by itself" share its clause
 * with no request word before it, or (for forms that are both 3rd person and imperative) when
 * it neither opens its clause nor follows a request word. Otherwise "don't"/"non"/"ne … pas"/
 * "nicht" around it make it negated; else it is a request.
 */
export function judge(c: Context, hit: Hit<unknown>, mood: Mood): Reading {
  if (mood === 'sym') return 'symptom';
  const { toks, lex } = c;
  const clause = clauseOf(toks, hit.start);
  const before = (h: Hit<true>, window: number) => clauseOf(toks, h.start) === clause && h.end <= hit.start && h.end >= hit.start - window;
  if (c.cannot.some((h) => before(h, 4))) return 'symptom';
  const prev = toks[hit.start - 1];
  if (prev && prev.clause === clause && lex.reflexive.has(prev.w)) return 'symptom';
  const requested = c.request.some((h) => clauseOf(toks, h.start) === clause && h.end <= hit.start);
  const described = c.symptom.some((h) => clauseOf(toks, h.start) === clause && (h.end <= hit.start || h.start >= hit.end));
  if (described && !requested) return 'symptom';
  if (mood === 'amb' && !requested && !opensClause(c, hit.start)) return 'symptom';
  if (c.prohibit.some((h) => before(h, 4))) return 'negated';
  for (let i = hit.start + 1; i < hit.end; i++) if (lex.postNegation.has((toks[i] as Tok).w) || (toks[i] as Tok).w === 'not') return 'negated';
  for (let i = hit.end; i < hit.end + 2; i++) {
    const t = toks[i];
    if (t && t.clause === clause && lex.postNegation.has(t.w)) return 'negated';
  }
  return 'request';
}
