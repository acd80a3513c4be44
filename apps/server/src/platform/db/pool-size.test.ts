import { describe, expect, it } from 'vitest';
import { defaultPoolSize } from './pool-size.ts';

describe('defaultPoolSize (issue 16)', () => {
  it('PostgreSQL: twice the cores, at least 4', () => {
    expect(defaultPoolSize('postgres', 1)).toBe(4);
    expect(defaultPoolSize('postgres', 2)).toBe(4);
    expect(defaultPoolSize('postgres', 3)).toBe(6);
    expect(defaultPoolSize('postgres', 16)).toBe(32);
  });

  it('PGlite: 4 whatever the host', () => {
    expect(defaultPoolSize('pglite', 1)).toBe(4);
    expect(defaultPoolSize('pglite', 16)).toBe(4);
  });
});
