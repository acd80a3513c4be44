import { describe, expect, it } from 'vitest';
import { isLanguage, pickLanguage } from './languages.ts';
import { translate } from './translate.ts';

describe('pickLanguage: Accept-Language → a portal language (L-1)', () => {
  it.each([
    ['it', 'it'],
    ['fr-CH, fr;q=0.9, en;q=0.8', 'fr'],
    ['de-DE', 'de'],
    ['ES', 'es'],
    ['ja, it;q=0.5', 'it'],
    ['en;q=0.2, es;q=0.9', 'es'],
    ['it;q=0.8, de;q=0.8', 'it'],
    ['pt-BR, *;q=0.1', undefined],
    ['it;q=0, de', 'de'],
    ['it;q=abc, de;q=0.5', 'de'],
    ['', undefined],
    [undefined, undefined],
  ] as const)('%s → %s', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });

  it('isLanguage accepts exactly the five portal languages', () => {
    for (const l of ['en', 'fr', 'de', 'es', 'it']) expect(isLanguage(l)).toBe(true);
    for (const l of ['EN', 'pt', '', null, undefined, 3]) expect(isLanguage(l)).toBe(false);
  });
});

describe('translate', () => {
  it('answers the text in the language with {{placeholders}} filled', () => {
    expect(translate('it', 'errors', 'DOMAIN_TAKEN', { domain: 'acme.example' })).toBe('Il dominio acme.example appartiene già a un altro cliente.');
    expect(translate('en', 'errors', 'ATTACHMENT_TOO_LARGE', { megabytes: 42 })).toContain('42');
  });

  it('picks the plural form the language needs from count (i18next suffixes)', () => {
    expect(translate('it', 'errors', 'TOO_MANY_ATTEMPTS', { count: 42 })).toBe('Troppi tentativi. Riprova tra 42 secondi.');
    expect(translate('it', 'errors', 'TOO_MANY_ATTEMPTS', { count: 1 })).toBe('Troppi tentativi. Riprova tra 1 secondo.');
    expect(translate('en', 'errors', 'TOO_MANY_ATTEMPTS', { count: 1 })).toBe('Too many attempts. Try again in 1 second.');
    expect(translate('en', 'errors', 'TOO_MANY_ATTEMPTS', { count: 0 })).toBe('Too many attempts. Try again in 0 seconds.');
    expect(translate('fr', 'errors', 'TOO_MANY_ATTEMPTS', { count: 1000000 })).toBe('Trop de tentatives. Réessayez dans 1000000 de secondes.');
    expect(translate('de', 'errors', 'validation.too_big_array', { count: 1 })).toBe('Wählen Sie höchstens 1 Eintrag.');
  });

  it('falls back to English, then to the key itself', () => {
    expect(translate('de', 'errors', 'NO_SUCH_KEY')).toBe('NO_SUCH_KEY');
    expect(translate('fr', 'errors', 'validation.no_such_key')).toBe('validation.no_such_key');
  });

  it('leaves a placeholder without a value visible rather than blank', () => {
    expect(translate('en', 'errors', 'DOMAIN_TAKEN')).toContain('{{domain}}');
  });
});
