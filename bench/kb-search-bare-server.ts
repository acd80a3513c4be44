/**
 * The baseline for bench/kb-search: a bare Fastify app with a `pg.Pool` of the app's size that
 * runs the app's search SQL (compiled from the repo's `searchSql` for each query of the load
 * mix, handed over in BARE_QUERIES) with no tenant resolution, authentication, section check,
 * validation, snippet post-processing or response schema. Run as its own process, like the app.
 *
 *   GET /bare/search?i=<n>   runs query n of the mix and answers its rows
 *
 * Env: BARE_PORT, BARE_POOL_SIZE, BARE_QUERIES (JSON), and BARE_DATABASE_URL (PostgreSQL) or
 * BARE_DATA_DIR (PGlite in a worker thread, started as the app starts it).
 */
import Fastify from 'fastify';
import pg from 'pg';
import { startEmbeddedDatabase } from '../apps/server/src/platform/db/embedded.ts';
import type { CapturedQuery } from './lib/app-sql.ts';

async function main(): Promise<void> {
  const port = Number(process.env.BARE_PORT);
  const poolSize = Number(process.env.BARE_POOL_SIZE ?? 10);
  const queries = JSON.parse(process.env.BARE_QUERIES ?? 'null') as CapturedQuery[] | null;
  if (!queries || !Number.isInteger(port)) throw new Error('BARE_PORT and BARE_QUERIES are required');

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
  const pool = new pg.Pool({ ...connection, max: poolSize });

  const app = Fastify({ logger: false });
  app.get<{ Querystring: { i?: string } }>('/bare/search', async (req, reply) => {
    const q = queries[Number(req.query.i ?? 0)];
    if (!q) return reply.status(404).send({ error: 'no such query' });
    const r = await pool.query(q.sql, q.parameters);
    return { items: r.rows };
  });

  const close = async () => {
    await app.close();
    await pool.end();
    await stopEmbedded();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write(`kb bare server on 127.0.0.1:${port}, pool ${poolSize}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`kb bare server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
