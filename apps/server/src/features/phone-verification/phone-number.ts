import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Language } from '@porta/contracts/common';

/** SS-6: the region a number without a country prefix is read in, from the contact's language. */
const REGION: Record<Language, CountryCode> = { en: 'GB', fr: 'FR', de: 'DE', es: 'ES', it: 'IT' };

/** A number as E.164 (`+393331234567`), or null when it is not a valid (mobile-capable) number. */
export function toE164(raw: string, language: Language): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: REGION[language] });
  if (!parsed?.isValid()) return null;
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE' && type !== 'PERSONAL_NUMBER') return null;
  return parsed.number;
}
