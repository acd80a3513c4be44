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
    broken.de.errors = { ...broken.de.errors, TOO_MANY_ATTEMPTS: 'Zu viele Versuche.' };
    expect(checkParity(broken).some((p) => p.startsWith('de/errors.json: "TOO_MANY_ATTEMPTS" has placeholders'))).toBe(true);
  });

  it('reports a catalogue that copies English instead of translating it', () => {
    const broken = structuredClone(CATALOGUES);
    broken.es.errors = structuredClone(CATALOGUES.en.errors);
    expect(checkParity(broken).some((p) => p.startsWith('es/errors.json:') && p.includes('identical to English'))).toBe(true);
  });
});
