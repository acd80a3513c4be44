import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { Language } from './common.ts';

/**
 * Issue 9 item 4: the one password-strength rule, shared by the server (which enforces it) and
 * the web forms (which show it as a meter). zxcvbn-ts scores 0–4; a new password needs 3.
 * The dictionaries are loaded on first use (dynamic imports: a chunk of their own in the browser,
 * never on the sign-in path of the server).
 */
export const MIN_PASSWORD_SCORE = 3;

/** zxcvbn's warning keys, which the catalogues translate under `common:passwordStrength.warnings`. */
export const PASSWORD_WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
] as const;
export type PasswordWarning = (typeof PASSWORD_WARNINGS)[number];

/** zxcvbn's suggestion keys plus `longer` (ours: said when zxcvbn has nothing more precise). */
export const PASSWORD_SUGGESTIONS = [
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'dates',
  'recentYears',
  'associatedYears',
  'sequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
  'noNeed',
  'longer',
] as const;
export type PasswordSuggestion = (typeof PASSWORD_SUGGESTIONS)[number];

export interface PasswordVerdict {
  score: 0 | 1 | 2 | 3 | 4;
  ok: boolean;
  warning: PasswordWarning | null;
  suggestions: PasswordSuggestion[];
}

/** What the password must not be built from: the person's own name, address, username, and the MSP's name. */
export interface PasswordPeople {
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** A technician's single name field. */
  name?: string | undefined;
  email?: string | undefined;
  username?: string | undefined;
  tenantName?: string | undefined;
}

/** Each value whole, without spaces, and word by word (so "Acme IT" also catches "acme-it-2024"). */
export function passwordUserInputs(people: PasswordPeople): string[] {
  const inputs = new Set<string>();
  const add = (value: string | undefined) => {
    const v = value?.trim().toLowerCase();
    if (!v) return;
    inputs.add(v);
    inputs.add(v.replace(/[\s._-]+/g, ''));
    for (const word of v.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 2) inputs.add(word);
  };
  const fullName = [people.firstName, people.lastName].filter(Boolean).join(' ');
  add(fullName || undefined);
  add(people.name);
  add(people.email);
  add(people.email?.split('@')[0]);
  add(people.username);
  add(people.tenantName);
  return [...inputs];
}

type Dictionary = Record<string, string[]>;
const ALL_LANGUAGES: readonly Language[] = ['en', 'fr', 'de', 'es', 'it'];

/** Older language packages name their lists without the language (`commonWords`): suffix them so two never collide. */
function suffixed(dictionary: Dictionary, suffix: string): Dictionary {
  return Object.fromEntries(Object.entries(dictionary).map(([key, words]) => [key.endsWith(`-${suffix}`) ? key : `${key}-${suffix}`, words]));
}

async function dictionaryOf(language: Language): Promise<Dictionary> {
  switch (language) {
    case 'en':
      return suffixed((await import('@zxcvbn-ts/language-en')).dictionary, 'en');
    case 'fr':
      return suffixed((await import('@zxcvbn-ts/language-fr')).dictionary, 'fr');
    case 'de':
      return suffixed((await import('@zxcvbn-ts/language-de')).dictionary, 'de');
    case 'es':
      return suffixed((await import('@zxcvbn-ts/language-es-es')).dictionary, 'es-es');
    case 'it':
      return suffixed((await import('@zxcvbn-ts/language-it')).dictionary, 'it');
  }
}

const factories = new Map<string, Promise<ZxcvbnFactory>>();

/** The big per-language lists, merged across languages (ranks interleaved): each list costs a lookup per substring. */
const MERGED_KINDS = ['commonWords', 'firstnames', 'lastnames', 'wikipedia'];

function mergeLanguages(dictionaries: Dictionary[]): Dictionary {
  const merged: Dictionary = {};
  const byKind = new Map<string, string[][]>();
  for (const dictionary of dictionaries) {
    for (const [key, words] of Object.entries(dictionary)) {
      const kind = MERGED_KINDS.find((k) => key.startsWith(`${k}-`));
      if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), words]);
      else merged[key] = words;
    }
  }
  for (const [kind, lists] of byKind) {
    const words: string[] = [];
    const seen = new Set<string>();
    const longest = Math.max(...lists.map((l) => l.length));
    for (let rank = 0; rank < longest; rank++) {
      for (const list of lists) {
        const word = list[rank];
        if (word !== undefined && !seen.has(word)) {
          seen.add(word);
          words.push(word);
        }
      }
    }
    merged[kind] = words;
  }
  return merged;
}

/**
 * Cost bounds, measured in bench/password-strength: only the first MAX_JUDGED characters are
 * judged (the check grows with the square of the length; a longer password is not weaker for
 * what follows), and at most 16 l33t substitutions are tried.
 */
export const MAX_JUDGED_LENGTH = 40;

async function buildFactory(languages: readonly Language[]): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, ...dictionaries] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    ...languages.map(dictionaryOf),
  ]);
  return new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...mergeLanguages(dictionaries) },
    maxLength: MAX_JUDGED_LENGTH,
    l33tMaxSubstitutions: 16,
  });
}

/** One checker per set of languages, built on first use and kept (a failed load is retried next time). */
function factoryFor(languages: readonly Language[]): Promise<ZxcvbnFactory> {
  const key = [...languages].sort().join(',');
  let factory = factories.get(key);
  if (!factory) {
    factory = buildFactory(languages);
    factory.catch(() => factories.delete(key));
    factories.set(key, factory);
  }
  return factory;
}

const isWarning = (key: string | null): key is PasswordWarning => key !== null && (PASSWORD_WARNINGS as readonly string[]).includes(key);
const isSuggestion = (key: string): key is PasswordSuggestion => (PASSWORD_SUGGESTIONS as readonly string[]).includes(key);

/**
 * Scores a new password. The server passes no `languages` (all five dictionaries: the rule);
 * the browser's meter may load fewer to stay light, and the server has the last word.
 */
export async function checkPasswordStrength(password: string, people: PasswordPeople, languages: readonly Language[] = ALL_LANGUAGES): Promise<PasswordVerdict> {
  const zxcvbn = await factoryFor(languages);
  const result = zxcvbn.check(password, passwordUserInputs(people));
  const score = result.score;
  const ok = score >= MIN_PASSWORD_SCORE;
  const warning = isWarning(result.feedback.warning) ? result.feedback.warning : null;
  const suggestions = result.feedback.suggestions.filter(isSuggestion);
  if (!ok && !suggestions.includes('longer')) suggestions.push('longer');
  return { score, ok, warning: ok ? null : warning, suggestions: ok ? [] : suggestions };
}

/** Loads the checker ahead of time (a form that has a password field may call it on focus). */
export function preloadPasswordStrength(languages: readonly Language[] = ALL_LANGUAGES): Promise<void> {
  return factoryFor(languages).then(() => undefined);
}
