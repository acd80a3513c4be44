import { expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

// SS-1: full-jitter exponential backoff, capped.
it('grows exponentially up to the cap, scaled by the random draw', () => {
  const top = { baseMs: 1000, capMs: 60_000, random: () => 0.999999 };
  expect([0, 1, 2, 3, 4, 5, 6, 7, 20, 1000].map((n) => backoffDelay(n, top))).toEqual([999, 1999, 3999, 7999, 15999, 31999, 59999, 59999, 59999, 59999]);
  expect(backoffDelay(10, { ...top, random: () => 0 })).toBe(0);
  expect(backoffDelay(3, { ...top, random: () => 0.5 })).toBe(4000);
});

it('spreads agents over the whole window (full jitter, not equal jitter)', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const delays = Array.from({ length: 2000 }, () => backoffDelay(8, { baseMs: 1000, capMs: 60_000, random }));
  expect(Math.min(...delays)).toBeLessThan(3000);
  expect(Math.max(...delays)).toBeGreaterThan(57_000);
  expect(delays.every((d) => d >= 0 && d < 60_000)).toBe(true);
});
