import { currentLanguage, i18next } from './i18n';

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium' }).format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** 44 → "44 bytes" (a plural form: Intl's short "byte" unit does not agree), 2048 → "2 kB", in the UI language. */
export function formatFileSize(bytes: number): string {
  const language = currentLanguage();
  if (bytes < 1024) return i18next.t('common:fileSize.bytes', { count: bytes });
  if (bytes < 1024 * 1024) return new Intl.NumberFormat(language, { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 0 }).format(bytes / 1024);
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}
