import { describe, expect, it } from 'vitest';
import { pagerOf } from './pager';

const rows = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('pagerOf (the list footer)', () => {
  it('an exact total: pages to the last row', () => {
    expect(pagerOf({ items: rows(25), total: 326, page: 1, pageSize: 25 })).toEqual({ pages: 14, page: 1, from: 1, to: 25, total: 326, label: 'table.showing' });
    expect(pagerOf({ items: rows(1), total: 326, page: 14, pageSize: 25, totalExact: true })).toMatchObject({ pages: 14, from: 326, to: 326 });
  });

  it('a lower bound (issue 16): "more than", and one page past the counted ones', () => {
    expect(pagerOf({ items: rows(25), total: 1000, totalExact: false, page: 1, pageSize: 25 })).toEqual({ pages: 41, page: 1, from: 1, to: 25, total: 1000, label: 'table.showingMoreThan' });
    // On page 41 the server counted 1,000 further.
    expect(pagerOf({ items: rows(25), total: 2000, totalExact: false, page: 41, pageSize: 25 })).toMatchObject({ pages: 81, page: 41, from: 1001, to: 1025 });
  });

  it('nothing to page through: no footer', () => {
    expect(pagerOf(undefined)).toBeNull();
    expect(pagerOf({ items: [], total: 0, page: 1, pageSize: 25 })).toBeNull();
    expect(pagerOf({ items: rows(3) })).toBeNull();
  });
});
