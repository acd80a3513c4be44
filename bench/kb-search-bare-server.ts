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
import { openBarePool, runBare, serveBare } from './lib/bare.ts';
import type { CapturedQuery } from './lib/app-sql.ts';

async function main(): Promise<void> {
  const queries = JSON.parse(process.env.BARE_QUERIES ?? 'null') as CapturedQuery[] | null;
  if (!queries) throw new Error('BARE_QUERIES is required');
  const bare = await openBarePool();
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { i?: string } }>('/bare/search', async (req, reply) => {
    const q = queries[Number(req.query.i ?? 0)];
    if (!q) return reply.status(404).send({ error: 'no such query' });
    const r = await bare.pool.query(q.sql, q.parameters);
    return { items: r.rows };
  });
  await serveBare('kb bare server', app, bare);
}

runBare('kb bare server', main);
