import type { Catalogue } from './catalogues.ts';
import { LANGUAGES, type Language, NAMESPACES, type Namespace } from './languages.ts';
import { type PluralForm, pluralFormsOf, splitPluralKey } from './plurals.ts';

export function flatten(c: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function placeholders(text: string, except?: string): string {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((m) => m[1])
    .filter((name) => name !== except)
    .sort()
    .join(',');
}

/** A catalogue's texts split into plain keys and plural families (`base` → form → text). */
function shape(c: Catalogue): { plain: Map<string, string>; families: Map<string, Map<PluralForm, string>> } {
  const plain = new Map<string, string>();
  const families = new Map<string, Map<PluralForm, string>>();
  for (const [key, text] of flatten(c)) {
    const plural = splitPluralKey(key);
    if (!plural) {
      plain.set(key, text);
      continue;
    }
    const family = families.get(plural.base) ?? new Map<PluralForm, string>();
    family.set(plural.form, text);
    families.set(plural.base, family);
  }
  return { plain, families };
}

/** Share of a catalogue allowed to read exactly as English (brand names, "OK", "API"). */
const MAX_IDENTICAL_SHARE = 0.2;

/**
 * L-2: every language has exactly English's keys, the same `{{placeholders}}`, no empty
 * text, and is a real translation (not mostly English copied over). Plural families
 * (`key_one`, `key_other`, …, i18next's suffixes) are checked as families: every language
 * has the same families as English, each with exactly the forms its `Intl.PluralRules`
 * needs (`_zero` is optional), and every form has English's placeholders (`{{count}}` may be
 * left out of a form, as in "one second"). Answers the problems.
 */
export function checkParity(catalogues: Record<Language, Record<Namespace, Catalogue>>): string[] {
  const problems: string[] = [];
  for (const ns of NAMESPACES) {
    const en = shape(catalogues.en[ns]);
    const enSize = en.plain.size + [...en.families.values()].reduce((n, f) => n + f.size, 0);
    for (const lang of LANGUAGES) {
      const file = `${lang}/${ns}.json`;
      const other = shape(catalogues[lang][ns]);
      for (const key of en.plain.keys()) if (!other.plain.has(key)) problems.push(`${file}: missing key "${key}"`);
      for (const key of other.plain.keys()) if (!en.plain.has(key)) problems.push(`${file}: key "${key}" is not in en/${ns}.json`);
      for (const base of en.families.keys()) if (!other.families.has(base)) problems.push(`${file}: missing plural family "${base}"`);
      for (const base of other.families.keys()) if (!en.families.has(base)) problems.push(`${file}: plural family "${base}" is not in en/${ns}.json`);
      let identical = 0;
      const compare = (key: string, text: string, source: string | undefined, except?: string) => {
        if (text.trim() === '') problems.push(`${file}: "${key}" is empty`);
        if (source === undefined) return;
        if (placeholders(source, except) !== placeholders(text, except)) {
          problems.push(`${file}: "${key}" has placeholders {${placeholders(text, except)}}, English has {${placeholders(source, except)}}`);
        }
        if (lang !== 'en' && text === source && /[a-z]{3}/i.test(text)) identical++;
      };
      for (const [key, text] of other.plain) compare(key, text, en.plain.get(key));
      const needed = pluralFormsOf(lang);
      for (const [base, forms] of other.families) {
        for (const form of needed) if (!forms.has(form)) problems.push(`${file}: plural family "${base}" lacks the "${form}" form (${lang} needs ${needed.join(', ')})`);
        for (const form of forms.keys()) if (!needed.includes(form) && form !== 'zero') problems.push(`${file}: plural family "${base}" has a "${form}" form ${lang} does not use (it needs ${needed.join(', ')})`);
        const enFamily = en.families.get(base);
        for (const [form, text] of forms) compare(`${base}_${form}`, text, enFamily?.get(form) ?? enFamily?.get('other'), 'count');
      }
      if (lang !== 'en' && enSize >= 10 && identical / enSize > MAX_IDENTICAL_SHARE) {
        problems.push(`${file}: ${identical} of ${enSize} texts are identical to English; translate them`);
      }
    }
  }
  return problems;
}
