import { describe, expect, it } from 'vitest';
import { deletions, osaDistance, typoBudget } from './distance.ts';
import { fold, indexedWords, queryWords } from './text.ts';

describe('typo distance (KB-3, issue 11 item 1)', () => {
  it('counts a swap of two neighbours as one edit, like the other edits', () => {
    expect(osaDistance('stamapnte', 'stampante', 2)).toBe(1);
    expect(osaDistance('stampnte', 'stampante', 2)).toBe(1);
    expect(osaDistance('pasword', 'password', 1)).toBe(1);
    expect(osaDistance('nciht', 'nicht', 1)).toBe(1);
    expect(osaDistance('printer', 'printer', 1)).toBe(0);
    expect(osaDistance('printre', 'pirnter', 1)).toBe(2);
    expect(osaDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('allows no typo under 5 letters, one from 5, two from 9', () => {
    expect([typoBudget('wifi'), typoBudget('email'), typoBudget('stampant'), typoBudget('stampante')]).toEqual([0, 1, 1, 2]);
  });

  it('lists every deletion up to the depth', () => {
    expect([...deletions('abc', 1)].sort()).toEqual(['ab', 'ac', 'bc']);
    expect(deletions('abcd', 2).has('ad')).toBe(true);
  });
});

describe('text analysis: folding and spellings', () => {
  it('folds case and accents', () => {
    expect(fold('Écran')).toBe('ecran');
    expect(fold('Passwörter')).toBe('passworter');
  });

  it('indexes hyphenated and two-piece spellings joined too', () => {
    const words = (t: string) => indexedWords(t).map((w) => w.word);
    expect(words('Wi-Fi drops')).toEqual(expect.arrayContaining(['wi', 'fi', 'wifi', 'drops']));
    expect(words('Log in with your e-mail')).toEqual(expect.arrayContaining(['login', 'email']));
    expect(words('E-Mail-Konto')).toEqual(expect.arrayContaining(['email', 'emailkonto']));
  });

  it('joins a query spelled in pieces into one word', () => {
    expect(queryWords('e-mail wi-fi').map((w) => w.word)).toEqual(['email', 'wifi']);
    expect(queryWords('log in problems').map((w) => w.word)).toEqual(['login', 'problems']);
  });
});
