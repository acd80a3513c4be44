import { sql } from 'kysely';
import type { PageQuery } from '@porta/contracts/common';

/** `%term%` for ILIKE with the user's `%`, `_` and `\` taken literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Selected beside a page's rows: the total in the same round trip. */
export const totalCount = sql<number>`count(*) over ()`.as('total_count');

export function offsetOf(q: PageQuery): number {
  return (q.page - 1) * q.pageSize;
}

/**
 * Splits rows carrying `total_count` into `{ items, total }`. A page past the end has no
 * row to carry the total, so the caller's `countAll` answers it then.
 */
export async function toPage<R extends { total_count: number }>(rows: R[], q: PageQuery, countAll: () => Promise<number>) {
  const first = rows[0];
  const total = first ? Number(first.total_count) : q.page > 1 ? await countAll() : 0;
  return { items: rows, total };
}
