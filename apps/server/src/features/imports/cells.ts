import { LANGUAGES, type Language } from '@porta/contracts/common';
import { LANGUAGE_NAMES } from '@porta/i18n/languages';
import type { ImportField, ImportMapping, ImportRowErrorCode } from '@porta/contracts/imports';
import type { CsvRow } from './csv.ts';
import { normaliseHeader } from './mapping.ts';

/** One problem of one row, before its message is put in the caller's language. */
export interface RowIssue {
  row: number;
  field: ImportField;
  column: number | null;
  code: ImportRowErrorCode;
}

/** The trimmed text of a row's cell for a field, '' when the field is not mapped. */
export function cellOf(row: CsvRow, mapping: ImportMapping, field: ImportField): string {
  const column = mapping[field];
  return column === undefined ? '' : (row.cells[column] ?? '').trim();
}

/** Collects a row's issues with the column each one came from. */
export function issuesOf(row: CsvRow, mapping: ImportMapping) {
  const list: RowIssue[] = [];
  return {
    list,
    add(field: ImportField, code: ImportRowErrorCode) {
      list.push({ row: row.line, field, column: mapping[field] ?? null, code });
    },
  };
}

const TRUE = new Set(['yes', 'y', 'true', '1', 'x', 'oui', 'o', 'vrai', 'ja', 'j', 'wahr', 'si', 'verdadero', 'vero']);
const FALSE = new Set(['no', 'n', 'false', '0', 'non', 'faux', 'nein', 'falsch', 'falso']);

/** yes/no/true/false/1/0 and their French, German, Spanish and Italian words ("sí" counts as "si"); undefined if none. */
export function parseFlag(text: string): boolean | undefined {
  const word = normaliseHeader(text);
  if (TRUE.has(word)) return true;
  if (FALSE.has(word)) return false;
  return undefined;
}

/** What people write for the five languages: codes (`fr`, `fr-CH`), own names, English names. */
const LANGUAGE_WORDS = new Map<string, Language>([
  ...LANGUAGES.map((l) => [l, l] as const),
  ...LANGUAGES.map((l) => [normaliseHeader(LANGUAGE_NAMES[l]), l] as const),
  ['english', 'en'],
  ['french', 'fr'],
  ['german', 'de'],
  ['spanish', 'es'],
  ['italian', 'it'],
  ['castellano', 'es'],
]);

export function parseLanguage(text: string): Language | undefined {
  const tag = text.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return LANGUAGE_WORDS.get(tag) ?? LANGUAGE_WORDS.get(normaliseHeader(text));
}

/** `a.com; b.com`, `a.com, b.com`, `a.com b.com` or `a.com|b.com`. */
export function splitList(text: string): string[] {
  return text.split(/[\s,;|]+/).filter(Boolean);
}

/** `+39 02 1234-5678` → `+390212345678`: the separators people type are dropped before E.164 is checked. */
export function compactPhone(text: string): string {
  return text.replace(/[\s.\-()/]/g, '');
}
