import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startEmbeddedDatabase } from './embedded.ts';
import { withNamedStatements } from './named-statements.ts';
import { defaultPoolSize } from './pool-size.ts';
import { parseTimestamptz } from './timestamptz.ts';
import type { Database } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  engine: Engine;
  /** Connection settings, for LISTEN clients and benchmarks. */
  connection: pg.PoolConfig;
  close(): Promise<void>;
}

// timestamptz → Date (without pg's regular expressions: timestamptz.ts) and bigint counts → number on both engines.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);

/**
 * A `pg.Pool` that survives losing an idle connection. When the server ends a connection the pool
 * is not using (a restart, a failover, `pg_terminate_backend`, a database dropped with FORCE), pg
 * emits the error on the pool, and a pool without an `error` listener turns it into an uncaught
 * exception that stops the process. The pool has already dropped that client; the next query
 * opens a new one. A query that was running gets its own error, as before.
 */
export function openPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  return pool;
}

/**
 * How long a pooled connection may sit unused before the pool closes it: 5 minutes, not pg's
 * 10 seconds. A new connection starts a cold PostgreSQL backend and prepares every named
 * statement again (planning the ticket list takes ~2 ms, and each of the first five runs is
 * planned anew), so with 10 s every burst after a short lull began with four such
 * connections: the first 50 list requests took up to 250 ms (issue 16). Kept under the
 * ~350 s after which some NAT gateways forget an idle TCP connection.
 */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

/** The pool the app's queries go through (the bus's `LISTEN` connection is another). */
export function openAppPool(connection: pg.PoolConfig, max: number): pg.Pool {
  return openPool({ ...connection, max, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize?: number | undefined;
  /** PGlite only: shared_buffers in MiB (embedded.ts). */
  pgliteSharedBuffersMb?: number | undefined;
  /** Named prepared statements (default on, PostgreSQL only): see named-statements.ts. */
  namedStatements?: boolean | undefined;
}

/**
 * Kysely over a pool as the app uses it (shared with the test harness): named statements on
 * PostgreSQL unless turned off; never on PGlite, where every socket connection reaches the same
 * single backend session, so a name prepared through one connection already exists for the next.
 */
export function kyselyOver(pool: pg.Pool, engine: Engine, named?: boolean): Kysely<Database> {
  const naming = engine === 'postgres' && named !== false;
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: naming ? withNamedStatements(pool) : pool }) });
}

export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const connection: pg.PoolConfig = { connectionString: opts.databaseUrl };
    const pool = openAppPool(connection, opts.poolSize ?? defaultPoolSize('postgres'));
    const db = kyselyOver(pool, 'postgres', opts.namedStatements);
    return { db, pool, engine: 'postgres', connection, close: () => db.destroy() };
  }
  const embedded = await startEmbeddedDatabase(opts.dataDir, undefined, opts.pgliteSharedBuffersMb);
  const connection: pg.PoolConfig = { host: embedded.socketDir, port: 5432, user: 'postgres', database: 'postgres' };
  const pool = openAppPool(connection, opts.poolSize ?? defaultPoolSize('pglite'));
  const db = kyselyOver(pool, 'pglite');
  return {
    db,
    pool,
    engine: 'pglite',
    connection,
    async close() {
      await db.destroy();
      await embedded.stop();
    },
  };
}
