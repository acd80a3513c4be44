import { type Catalogue, CATALOGUES } from './catalogues.ts';
import type { Language, Namespace } from './languages.ts';
import { pluralRules } from './plurals.ts';

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * The text of `key` in `lang`: with a numeric `count`, i18next's plural form
 * (`key_one`, `key_many`, `key_other`, … as the language's plural rules select), else `key`.
 */
function textOf(lang: Language, ns: Namespace, key: string, count: unknown): string | undefined {
  const catalogue = CATALOGUES[lang][ns];
  if (typeof count === 'number') {
    const plural = lookup(catalogue, `${key}_${pluralRules(lang).select(count)}`) ?? lookup(catalogue, `${key}_other`);
    if (plural !== undefined) return plural;
  }
  return lookup(catalogue, key);
}

/**
 * Server-side translation with i18next-style `{{name}}` placeholders and plural forms
 * (pass `count`); falls back to English, then the key.
 */
export function translate(lang: Language, ns: Namespace, key: string, params: Record<string, string | number> = {}): string {
  const text = textOf(lang, ns, key, params.count) ?? textOf('en', ns, key, params.count) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
