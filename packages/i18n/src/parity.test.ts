import { describe, expect, it } from 'vitest';
import { CATALOGUES } from './catalogues.ts';
import { checkParity } from './parity.ts';

describe('catalogue parity (L-2)', () => {
  it('the shipped catalogues have the same keys and placeholders in every language', () => {
    expect(checkParity(CATALOGUES)).toEqual([]);
  });

  it('reports a key missing in one language', () => {
    const broken = structuredClone(CATALOGUES);
    broken.fr.errors = { ...broken.fr.errors };
    delete broken.fr.errors.NOT_FOUND;
    expect(checkParity(broken)).toContain('fr/errors.json: missing key "NOT_FOUND"');
  });

  it('reports a placeholder that differs from English', () => {
    const broken = structuredClone(CATALOGUES);
    broken.de.errors = { ...broken.de.errors, DOMAIN_TAKEN: 'Die Domain gehört bereits zu einem anderen Kunden.' };
    expect(checkParity(broken).some((p) => p.startsWith('de/errors.json: "DOMAIN_TAKEN" has placeholders'))).toBe(true);
  });

  it('reports a catalogue that copies English instead of translating it', () => {
    const broken = structuredClone(CATALOGUES);
    broken.es.errors = structuredClone(CATALOGUES.en.errors);
    expect(checkParity(broken).some((p) => p.startsWith('es/errors.json:') && p.includes('identical to English'))).toBe(true);
  });

  describe('plural families (#9 item 6)', () => {
    it('reports a language missing a form its plural rules need (French "many")', () => {
      const broken = structuredClone(CATALOGUES);
      const fr = { ...broken.fr.errors };
      delete fr.TOO_MANY_ATTEMPTS_many;
      broken.fr.errors = fr;
      expect(checkParity(broken)).toContain('fr/errors.json: plural family "TOO_MANY_ATTEMPTS" lacks the "many" form (fr needs one, many, other)');
    });

    it('reports a form the language does not use (German has no "many")', () => {
      const broken = structuredClone(CATALOGUES);
      broken.de.errors = { ...broken.de.errors, TOO_MANY_ATTEMPTS_many: 'Zu viele Versuche: {{count}}.' };
      expect(checkParity(broken)).toContain('de/errors.json: plural family "TOO_MANY_ATTEMPTS" has a "many" form de does not use (it needs one, other)');
    });

    it('reports a family that is a plain key in another language', () => {
      const broken = structuredClone(CATALOGUES);
      const es = { ...broken.es.errors };
      delete es.TOO_MANY_ATTEMPTS_one;
      delete es.TOO_MANY_ATTEMPTS_many;
      delete es.TOO_MANY_ATTEMPTS_other;
      broken.es.errors = { ...es, TOO_MANY_ATTEMPTS: 'Demasiados intentos.' };
      const problems = checkParity(broken);
      expect(problems).toContain('es/errors.json: missing plural family "TOO_MANY_ATTEMPTS"');
      expect(problems).toContain('es/errors.json: key "TOO_MANY_ATTEMPTS" is not in en/errors.json');
    });

    it('reports a form whose placeholders differ from English, but lets a form leave out {{count}}', () => {
      const broken = structuredClone(CATALOGUES);
      broken.it.errors = { ...broken.it.errors, TOO_MANY_ATTEMPTS_one: 'Troppi tentativi. Riprova tra un secondo.', TOO_MANY_ATTEMPTS_other: 'Riprova tra {{seconds}} secondi.' };
      const problems = checkParity(broken).filter((p) => p.startsWith('it/errors.json'));
      expect(problems).toEqual(['it/errors.json: "TOO_MANY_ATTEMPTS_other" has placeholders {seconds}, English has {}']);
    });

    it('every shipped family has each form its language needs', () => {
      expect(checkParity(CATALOGUES).filter((p) => p.includes('plural'))).toEqual([]);
    });
  });
});
