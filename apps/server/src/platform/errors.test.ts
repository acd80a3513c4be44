import { ERROR_CODES } from '@porta/contracts/errors';
import { describe, expect, it } from 'vitest';
import { AppError, isStillReferenced, isUniqueViolation, statusOf } from './errors.ts';

describe('error codes → HTTP status (P-3)', () => {
  it('maps every stable code to a 4xx, except INTERNAL', () => {
    for (const code of ERROR_CODES) {
      const status = statusOf(code);
      if (code === 'INTERNAL') expect(status).toBe(500);
      else expect(status >= 400 && status < 500, `${code} → ${status}`).toBe(true);
    }
  });

  it.each([
    ['CONTACT_NOT_FOUND', 404],
    ['TENANT_NOT_FOUND', 404],
    ['UNAUTHENTICATED', 401],
    ['INVALID_CREDENTIALS', 401],
    ['CSRF_INVALID', 403],
    ['API_KEY_READ_ONLY', 403],
    ['DOMAIN_TAKEN', 409],
    ['CUSTOMER_HAS_CONTACTS', 409],
    ['SETUP_ALREADY_DONE', 409],
    ['TOO_MANY_ATTEMPTS', 429],
    ['VALIDATION_FAILED', 400],
  ] as const)('%s → %i', (code, status) => {
    expect(new AppError(code).status).toBe(status);
  });

  it('recognises a PostgreSQL unique violation, optionally on a named constraint', () => {
    expect(isUniqueViolation({ code: '23505', constraint: 'x' })).toBe(true);
    expect(isUniqueViolation({ code: '23505', constraint: 'x' }, 'x')).toBe(true);
    expect(isUniqueViolation({ code: '23505', constraint: 'x' }, 'y')).toBe(false);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });

  it('recognises a row still referenced, whether the foreign key is NO ACTION (23503) or RESTRICT (23001)', () => {
    expect(isStillReferenced({ code: '23503' })).toBe(true);
    expect(isStillReferenced({ code: '23001' })).toBe(true);
    expect(isStillReferenced({ code: '23505' })).toBe(false);
    expect(isStillReferenced(null)).toBe(false);
  });
});

describe('every error code has a real message in every language (L-1, P-3)', () => {
  it('no code falls back to its key or to English', async () => {
    const { translate } = await import('@porta/i18n/translate');
    const { LANGUAGES } = await import('@porta/i18n/languages');
    // `count` selects a plural family's form (TOO_MANY_ATTEMPTS_one/_other); others ignore it.
    for (const code of ERROR_CODES) {
      const en = translate('en', 'errors', code, { count: 2 });
      expect(en, code).not.toBe(code);
      for (const lang of LANGUAGES) {
        if (lang === 'en') continue;
        expect(translate(lang, 'errors', code, { count: 2 }), `${lang} ${code}`).not.toBe(en);
      }
    }
  });
});
