import { describe, expect, it } from 'vitest';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, DummyDriver } from 'kysely';
import { fetchPage, likePattern, offsetOf, pageWindow } from './paging.ts';
import type { Database } from './schema.ts';

const compiler = new Kysely<Database>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (d) => new PostgresIntrospector(d), createQueryCompiler: () => new PostgresQueryCompiler() },
});

describe('paging helpers', () => {
  it('pageWindow writes LIMIT and OFFSET as literals (a generic plan can be kept), and refuses what is not a page', () => {
    const q = compiler.selectFrom('tickets').select('id').$call(pageWindow({ page: 3, pageSize: 25 })).compile();
    expect(q.sql).toMatch(/ limit 25 offset 50$/);
    expect(q.parameters).toEqual([]);
    expect(() => pageWindow({ page: 1, pageSize: Number.NaN })).toThrow();
    expect(() => pageWindow({ page: 0, pageSize: 25 })).toThrow();
  });

  it('likePattern wraps the term in % and escapes %, _ and \\ so they match literally', () => {
    expect(likePattern('acme')).toBe('%acme%');
    expect(likePattern('50%')).toBe('%50\\%%');
    expect(likePattern('a_b')).toBe('%a\\_b%');
    expect(likePattern('C:\\x')).toBe('%C:\\\\x%');
  });

  it('offsetOf turns a 1-based page into a row offset', () => {
    expect(offsetOf({ page: 1, pageSize: 25 })).toBe(0);
    expect(offsetOf({ page: 3, pageSize: 10 })).toBe(20);
  });

  it('fetchPage answers the rows and the total as a number, whatever type the driver gave', async () => {
    expect(await fetchPage(Promise.resolve([1, 2]), Promise.resolve({ n: '42' }))).toEqual({ items: [1, 2], total: 42 });
    expect(await fetchPage(Promise.resolve([]), Promise.resolve({ n: 7n }))).toEqual({ items: [], total: 7 });
  });
});
