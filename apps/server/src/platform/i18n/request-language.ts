import { isLanguage, type Language, pickLanguage } from '@porta/i18n/languages';
import type { FastifyRequest } from 'fastify';

/**
 * The caller's language. A contact's saved choice comes first (L-1: picked in App settings,
 * it also governs their e-mails). Anyone else: `Accept-Language` (the console sends its UI
 * language; an API client says what it reads), then a technician's saved language, then the
 * tenant's default, then English.
 */
export function requestLanguage(request: FastifyRequest): Language {
  const principal = request.principal;
  if (principal?.kind === 'contact' && isLanguage(principal.language)) return principal.language;
  const header = request.headers['accept-language'];
  const fromHeader = pickLanguage(Array.isArray(header) ? header.join(',') : header);
  if (fromHeader) return fromHeader;
  if (isLanguage(principal?.language)) return principal.language;
  const fallback = request.tenant?.defaultLanguage;
  return isLanguage(fallback) ? fallback : 'en';
}
