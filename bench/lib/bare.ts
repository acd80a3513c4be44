/**
 * What every bare baseline server shares: a `pg.Pool` of the app's size and idle timeout
 * (openAppPool) on PostgreSQL
 * (BARE_DATABASE_URL) or on a PGlite data dir started as the app starts it (BARE_DATA_DIR),
 * listening on BARE_PORT, closing cleanly on SIGTERM/SIGINT, and failing loudly.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { openAppPool } from '../../apps/server/src/platform/db/pool.ts';
import { startEmbeddedDatabase } from '../../apps/server/src/platform/db/embedded.ts';

export interface BarePool {
  pool: pg.Pool;
  port: number;
  poolSize: number;
  stop(): Promise<void>;
}

export async function openBarePool(): Promise<BarePool> {
  const port = Number(process.env.BARE_PORT);
  const poolSize = Number(process.env.BARE_POOL_SIZE ?? 10);
  if (!Number.isInteger(port)) throw new Error('BARE_PORT is required');
  let connection: pg.PoolConfig;
  let stopEmbedded = async () => {};
  if (process.env.BARE_DATABASE_URL) {
    connection = { connectionString: process.env.BARE_DATABASE_URL };
  } else if (process.env.BARE_DATA_DIR) {
    const embedded = await startEmbeddedDatabase(process.env.BARE_DATA_DIR);
    connection = { host: embedded.socketDir, port: 5432, user: 'postgres', database: 'postgres' };
    stopEmbedded = () => embedded.stop();
  } else {
    throw new Error('BARE_DATABASE_URL or BARE_DATA_DIR is required');
  }
  const pool = openAppPool(connection, poolSize);
  return {
    pool,
    port,
    poolSize,
    async stop() {
      await pool.end();
      await stopEmbedded();
    },
  };
}

/** Listens on 127.0.0.1, closes app and pool on SIGTERM/SIGINT. */
export async function serveBare(name: string, app: FastifyInstance, bare: BarePool): Promise<void> {
  const close = async () => {
    await app.close();
    await bare.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  await app.listen({ port: bare.port, host: '127.0.0.1' });
  process.stdout.write(`${name} on 127.0.0.1:${bare.port}, pool ${bare.poolSize}\n`);
}

export function runBare(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
