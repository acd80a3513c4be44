import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Kysely over a `pg.Pool`, with every parameterised query sent as a named prepared statement.
 *
 * The app's SQL is a small, fixed set of texts (values are always parameters), and some are
 * costly to plan: the ticket list's page joins four tables over a table with eight indexes and
 * plans in ~2 ms while it runs in ~0.2 ms (bench/tickets). A named statement is parsed once per
 * connection and, after five runs, PostgreSQL may keep a generic plan, so planning leaves the
 * hot path. Queries without parameters (BEGIN, COMMIT, migrations with several statements) go
 * as before: the simple protocol allows several statements in one text.
 *
 * The number of names is bounded (`limit`): texts seen after that run unnamed, so a query built
 * with an unusual shape (a long IN list) can never grow the server's per-connection memory.
 * A running node must be restarted after a migration that changes a table it reads (as
 * deployments already do: migrations run at start), or a kept plan may no longer fit.
 *
 * PostgreSQL only: behind pglite-socket every connection shares PGlite's one session, where a
 * name prepared by one connection already exists for the next.
 */
/**
 * A query whose text contains this comment always runs unnamed, so PostgreSQL plans it with its
 * values every time: for searches, where the best plan depends on the words (a word in most
 * tickets walks the date index; a rare one reads the full-text index), a kept generic plan
 * would be wrong for one or the other (#9 item 8, docs/ARCHITECTURE.md "Ticket search").
 */
export const CUSTOM_PLAN = '/* porta:custom-plan */';

/** Names are unique in the process, so two wrappers over one pool never give one name two texts. */
let nextName = 0;

export function withNamedStatements(pool: pg.Pool, limit = 300): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < limit) {
      name = `porta_${nextName++}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as unknown as pg.Submittable) as unknown as PostgresCursor<R>;
        const values = [...(parameters ?? [])];
        const name = values.length > 0 && !sqlOrCursor.includes(CUSTOM_PLAN) ? nameOf(sqlOrCursor) : undefined;
        const config: pg.QueryConfig = name ? { name, text: sqlOrCursor, values } : { text: sqlOrCursor, values };
        return client.query(config) as unknown as Promise<PostgresQueryResult<R>>;
      }
      return { query, release: (destroy?: boolean) => client.release(destroy) };
    },
    end: () => pool.end(),
  };
}
