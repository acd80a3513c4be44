import type { Language } from './languages.ts';

/** i18next's plural suffixes (`key_one`, `key_other`, …): the CLDR categories. */
export const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralForm = (typeof PLURAL_FORMS)[number];

const rules = new Map<string, Intl.PluralRules>();

export function pluralRules(lang: Language | string): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang);
    rules.set(lang, r);
  }
  return r;
}

/** The forms a language needs, as its `Intl.PluralRules` says (fr, es, it: one, many, other). */
export function pluralFormsOf(lang: Language | string): PluralForm[] {
  const needed = new Set<string>(pluralRules(lang).resolvedOptions().pluralCategories);
  return PLURAL_FORMS.filter((f) => needed.has(f));
}

/** `"meta_one"` → `{ base: "meta", form: "one" }`; undefined for a key that is not a plural form. */
export function splitPluralKey(key: string): { base: string; form: PluralForm } | undefined {
  const m = /^(.+)_(zero|one|two|few|many|other)$/.exec(key);
  return m ? { base: m[1] as string, form: m[2] as PluralForm } : undefined;
}
