import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextFreeUsername, usernameBase } from './username.ts';

describe('usernameBase (A-1)', () => {
  it.each([
    ['Mario', 'Rossi', 'mario.rossi'],
    ['Zoë', "O'Brien-Ricci", 'zoe.obrien-ricci'],
    ['  José ', 'Núñez García', 'jose.nunezgarcia'],
    ['François', 'Lefèvre', 'francois.lefevre'],
    ['Jürgen', 'Müller', 'jurgen.muller'],
    ['---', 'Smith', 'smith'],
  ])('%s %s → %s', (first, last, expected) => {
    expect(usernameBase(first, last, 'x@example.com')).toBe(expected);
  });

  it('falls back to the e-mail local part, then to "user", when the name has no usable letters', () => {
    expect(usernameBase('李', '王', 'wang.li@example.com')).toBe('wangli');
    expect(usernameBase('李', '王', '王@example.com')).toBe('user');
  });

  it('is always lowercase ASCII of at most 40 characters, never empty', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (first, last, email) => {
        const u = usernameBase(first, last, email);
        expect(u).toMatch(/^[a-z0-9.-]{1,40}$/);
      }),
    );
  });
});

describe('nextFreeUsername (A-1)', () => {
  it('answers the base when free, else the first free numbered one', () => {
    expect(nextFreeUsername('mario.rossi', [])).toBe('mario.rossi');
    expect(nextFreeUsername('mario.rossi', ['mario.rossi'])).toBe('mario.rossi2');
    expect(nextFreeUsername('mario.rossi', ['mario.rossi', 'mario.rossi2', 'mario.rossi4'])).toBe('mario.rossi3');
  });

  it('never answers a taken name', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 30 })), (nums) => {
        const taken = nums.map((n) => (n === 1 ? 'a' : `a${n}`));
        expect(taken).not.toContain(nextFreeUsername('a', taken));
      }),
    );
  });
});
