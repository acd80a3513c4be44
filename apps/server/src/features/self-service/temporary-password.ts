import { randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const ALL = UPPER + LOWER + DIGITS;

function pick(set: string): string {
  return set[randomInt(0, set.length)] ?? 'x';
}

/** A temporary password easy to type from an SMS: 3 groups of 4 (no look-alike letters), upper, lower and digit guaranteed. ~70 bits. */
export function temporaryPassword(): string {
  for (;;) {
    const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => pick(ALL)).join(''));
    const pw = groups.join('-');
    if (/[A-Z]/.test(pw) && /[a-z]/.test(pw) && /[2-9]/.test(pw)) return pw;
  }
}
