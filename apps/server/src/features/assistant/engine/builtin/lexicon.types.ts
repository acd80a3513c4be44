import type { AssistantAction } from '@porta/contracts/assistant';

/**
 * How a verb form reads: `req` a request form (imperative, infinitive after "can you", "please"),
 * `sym` a description of what the device does ("restarts", "si riavvia", "startet … neu"),
 * `amb` either (French, Spanish and Italian 3rd person = imperative): a request only at the
 * start of its clause or after a request word.
 */
export type Mood = 'req' | 'sym' | 'amb';

/** One language's words for the built-in engine; every phrase is a pattern (patterns.ts), folded. */
export interface LexiconSource {
  /** Sym forms first: the first listed pattern wins where two overlap. */
  actions: ReadonlyArray<readonly [string, AssistantAction, Mood]>;
  /** "I'm locked out", "account locked": a password reset. */
  lockedOut: readonly string[];
  /** Install verbs; sym forms ("installed") first. */
  install: ReadonlyArray<readonly [string, Mood]>;
  /** "I need", "can I get": an install only with a catalogue product and no problem described. */
  want: readonly string[];
  /** Prohibitive negation before the verb ("don't", "non", "ne … pas" is pre + post). */
  prohibit: readonly string[];
  /** Negation after the verb ("pas", "nicht"). */
  postNegation: readonly string[];
  /** "won't", "can't", "non riesco a": the verb describes a problem. */
  cannot: readonly string[];
  /** "can you", "please", "I'd like". */
  request: readonly string[];
  /** "keeps", "by itself", "da solo": the verb in this clause describes a problem. */
  symptom: readonly string[];
  /** Reflexive pronouns that make a 3rd-person verb a description ("si riavvia", "se apaga"). */
  reflexive: readonly string[];
  /** Words describing a problem (weak install requests are not installs next to them). */
  problem: readonly string[];
  person: readonly string[];
  ticketStatus: readonly string[];
  ticketCreate: readonly string[];
  damage: readonly string[];
  /** Words that start a new clause ("but", "just", "instead"). */
  breaks: readonly string[];
  /** Words skipped when judging whether a verb opens its clause (politeness, clitics, negation particles). */
  skip: readonly string[];
  /** Greetings, thanks, politeness, request words: neither an intent nor a KB search word. */
  filler: readonly string[];
  /** Words for a laptop (matching "my laptop" to a device). */
  laptop: readonly string[];
  /** Words for a desktop computer / Mac. */
  desktop: readonly string[];
}
