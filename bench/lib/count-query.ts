import type { CapturedQuery } from './app-sql.ts';

/** A list's count query (one `count(*)` column; a capped count reads its matches through a LIMIT of its own), not its page. */
export function isCountQuery(q: CapturedQuery): boolean {
  return /^select count\(\*\) as "n"/i.test(q.sql.trimStart());
}
