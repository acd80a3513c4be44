/**
 * The SQL the app sends for the contact list and for a technician's session lookup, taken
 * from the repo's own query builders (run against a driver that answers nothing), so the
 * bare baseline always runs exactly what the app runs today.
 */
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type LogConfig,
  type QueryResult,
} from 'kysely';
import { listContacts } from '../../apps/server/src/features/contacts/contacts.repo.ts';
import { technicianFromSession } from '../../apps/server/src/platform/auth/authenticate.ts';
import type { AppContext } from '../../apps/server/src/platform/context.ts';
import { hashToken } from '../../apps/server/src/platform/crypto/tokens.ts';
import type { Database } from '../../apps/server/src/platform/db/schema.ts';

export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/** A driver that sends nothing anywhere and answers every query with the same rows. */
class FixedRowsDriver implements Driver {
  constructor(private readonly rows: readonly object[]) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const rows = this.rows;
    return {
      executeQuery: async <R>(_q: CompiledQuery): Promise<QueryResult<R>> => ({ rows: rows as R[] }),
      streamQuery: <R>(): AsyncIterableIterator<QueryResult<R>> => {
        throw new Error('streaming is not used');
      },
    };
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

export function offlineDb(rows: readonly object[], log?: LogConfig): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new FixedRowsDriver(rows),
      createIntrospector: (d) => new PostgresIntrospector(d),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    ...(log && { log }),
  });
}

async function capture(run: (db: Kysely<Database>) => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const db = offlineDb([], (event) => {
    captured.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
  });
  try {
    await run(db);
  } catch {
    // No rows come back; a query builder that insists on one throws after its query was
    // logged, which is all we need.
  } finally {
    await db.destroy();
  }
  if (captured.length === 0) throw new Error('no query captured');
  return captured;
}

/** Mean µs the app spends building and compiling the contact-list queries (no I/O). */
export async function listBuildMicros(tenantId: string, iterations = 3000): Promise<number> {
  const db = offlineDb([{ n: 0 }]);
  const q = { page: 1, pageSize: 25 };
  for (let i = 0; i < 300; i++) await listContacts(db, tenantId, q);
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await listContacts(db, tenantId, q);
  const us = ((performance.now() - t0) * 1000) / iterations;
  await db.destroy();
  return us;
}

/**
 * The contact list's queries for page 1 of 25 (today: the page and the total, sent side by
 * side). Each parameter is checked to be one of tenant id, 25 or 0, so a change in the
 * query's shape shows up here instead of silently benchmarking something else.
 */
export async function contactListQueries(tenantId: string, page = 1, pageSize = 25): Promise<CapturedQuery[]> {
  const queries = await capture((db) => listContacts(db, tenantId, { page, pageSize }));
  const allowed = new Set<unknown>([tenantId, pageSize, (page - 1) * pageSize]);
  for (const q of queries) {
    const odd = q.parameters.filter((p) => !allowed.has(p));
    if (odd.length > 0) throw new Error(`contact list query has unexpected parameters ${JSON.stringify(odd)}; update bench/lib/app-sql.ts:\n${q.sql}`);
  }
  return queries;
}

/** The session lookup, with the index of the token-hash parameter to fill in per request. */
export async function sessionQuery(tenantId: string): Promise<CapturedQuery & { tokenHashIndex: number }> {
  const probe = 'bench-probe-token';
  // Only ctx.db is reached before the (empty) answer ends the lookup.
  const [q] = await capture((db) => technicianFromSession({ db } as unknown as AppContext, tenantId, probe));
  if (!q) throw new Error('no session query captured');
  const tokenHashIndex = q.parameters.indexOf(hashToken(probe));
  if (tokenHashIndex < 0) throw new Error(`session query does not take the token hash as a parameter:\n${q.sql}`);
  return { ...q, tokenHashIndex };
}
