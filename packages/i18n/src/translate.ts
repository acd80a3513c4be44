import { type Catalogue, CATALOGUES } from './catalogues.ts';
import type { Language, Namespace } from './languages.ts';

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Server-side translation with i18next-style `{{name}}` placeholders; falls back to English, then the key. */
export function translate(lang: Language, ns: Namespace, key: string, params: Record<string, string | number> = {}): string {
  const text = lookup(CATALOGUES[lang][ns], key) ?? lookup(CATALOGUES.en[ns], key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
