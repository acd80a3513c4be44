import type { Catalogue } from './catalogues.ts';
import { LANGUAGES, type Language, NAMESPACES, type Namespace } from './languages.ts';

export function flatten(c: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function placeholders(text: string): string {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
}

/** Share of a catalogue allowed to read exactly as English (brand names, "OK", "API"). */
const MAX_IDENTICAL_SHARE = 0.2;

/**
 * L-2: every language has exactly English's keys, the same `{{placeholders}}`, no empty
 * text, and is a real translation (not mostly English copied over). Answers the problems.
 */
export function checkParity(catalogues: Record<Language, Record<Namespace, Catalogue>>): string[] {
  const problems: string[] = [];
  for (const ns of NAMESPACES) {
    const en = flatten(catalogues.en[ns]);
    for (const lang of LANGUAGES) {
      const other = flatten(catalogues[lang][ns]);
      for (const key of en.keys()) if (!other.has(key)) problems.push(`${lang}/${ns}.json: missing key "${key}"`);
      for (const key of other.keys()) if (!en.has(key)) problems.push(`${lang}/${ns}.json: key "${key}" is not in en/${ns}.json`);
      let identical = 0;
      for (const [key, text] of other) {
        const source = en.get(key);
        if (text.trim() === '') problems.push(`${lang}/${ns}.json: "${key}" is empty`);
        if (source === undefined) continue;
        if (placeholders(source) !== placeholders(text)) problems.push(`${lang}/${ns}.json: "${key}" has placeholders {${placeholders(text)}}, English has {${placeholders(source)}}`);
        if (lang !== 'en' && text === source && /[a-z]{3}/i.test(text)) identical++;
      }
      if (lang !== 'en' && en.size >= 10 && identical / en.size > MAX_IDENTICAL_SHARE) {
        problems.push(`${lang}/${ns}.json: ${identical} of ${en.size} texts are identical to English; translate them`);
      }
    }
  }
  return problems;
}
