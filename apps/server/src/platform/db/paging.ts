import type { PageQuery } from '@porta/contracts/common';
import { type RawBuilder, sql } from 'kysely';

/** `%term%` for ILIKE with the user's `%`, `_` and `\` taken literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function offsetOf(q: PageQuery): number {
  return (q.page - 1) * q.pageSize;
}

/**
 * LIMIT and OFFSET as literals, not parameters. With parameters PostgreSQL's generic plan for a
 * named statement cannot know how many rows are wanted, costs itself above the custom plans and
 * is never chosen, so every list request was planned again (~2 ms for the ticket page against
 * 0.2 ms to run it). As literals, the common pages (1 to a few, 25 rows) keep their generic
 * plan; both numbers come validated from `pageQuerySchema` (integers, bounded).
 */
export function pageWindow(q: PageQuery) {
  const offset = offsetOf(q);
  if (!Number.isSafeInteger(q.pageSize) || !Number.isSafeInteger(offset) || q.pageSize < 1 || offset < 0) throw new Error('invalid page window');
  return <QB extends Paginable<QB>>(qb: QB): QB => qb.limit(sql.lit(q.pageSize)).offset(sql.lit(offset));
}

interface Paginable<QB> {
  limit(n: RawBuilder<number>): QB;
  offset(n: RawBuilder<number>): QB;
}

/**
 * A page and its total, queried side by side: an index-ordered LIMIT reads 25 rows and an
 * index-only count reads no heap, where one `count(*) over ()` would join and sort every row
 * first (7.6 ms against 1.3 ms for 10,000 contacts on PostgreSQL 15).
 */
export async function fetchPage<R>(rows: Promise<R[]>, count: Promise<{ n: number | string | bigint }>) {
  const [items, total] = await Promise.all([rows, count]);
  return { items, total: Number(total.n) };
}
