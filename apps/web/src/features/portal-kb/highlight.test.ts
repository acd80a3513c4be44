import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight';

describe('highlightParts', () => {
  it('marks the given ranges and keeps the rest as text', () => {
    expect(highlightParts('the printer is offline', [[4, 11], [15, 22]])).toEqual([
      { text: 'the ', mark: false },
      { text: 'printer', mark: true },
      { text: ' is ', mark: false },
      { text: 'offline', mark: true },
    ]);
  });

  it('skips bad ranges and never loses text', () => {
    const parts = highlightParts('abc', [[2, 1], [0, 9], [1, 2], [0, 1]]);
    expect(parts.map((p) => p.text).join('')).toBe('abc');
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['b']);
  });
});
