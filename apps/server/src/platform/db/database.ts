import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startEmbeddedDatabase } from './embedded.ts';
import { withNamedStatements } from './named-statements.ts';
import { defaultPoolSize } from './pool-size.ts';
import { openAppPool } from './pool.ts';
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
