/**
 * The fair baseline for the in-process KB search index (bench/kb-search): a bare Fastify app
 * that builds the same `KbSearchIndex` from the same database and answers the same search
 * function, with no tenant resolution, session, section check, validation or response schema.
 *
 *   GET /bare/search?i=<n>   runs search n of BARE_SEARCHES and answers its hits
 *
 * Env: BARE_PORT, BARE_POOL_SIZE, BARE_SEARCHES (JSON: tenantId, reader, q, limit), and
 * BARE_DATABASE_URL (PostgreSQL) or BARE_DATA_DIR (PGlite, started as the app starts it).
 */
import Fastify from 'fastify';
import { KbSearchIndex } from '../apps/server/src/features/kb/search/kb-search-index.ts';
import type { SearchReader } from '../apps/server/src/features/kb/search/tenant-index.ts';
import { kyselyOver } from '../apps/server/src/platform/db/database.ts';
import { openBarePool, runBare, serveBare } from './lib/bare.ts';

export interface BareSearch {
  tenantId: string;
  reader: SearchReader;
  q: string;
  limit: number;
}

async function main(): Promise<void> {
  const searches = JSON.parse(process.env.BARE_SEARCHES ?? 'null') as BareSearch[] | null;
  if (!searches) throw new Error('BARE_SEARCHES is required');
  const bare = await openBarePool();
  const index = new KbSearchIndex(kyselyOver(bare.pool, process.env.BARE_DATABASE_URL ? 'postgres' : 'pglite'));
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { i?: string } }>('/bare/search', async (req, reply) => {
    const s = searches[Number(req.query.i ?? 0)];
    if (!s) return reply.status(404).send({ error: 'no such query' });
    return index.search(s.tenantId, s.reader, s.q, s.limit);
  });
  await serveBare('kb index bare server', app, bare);
}

runBare('kb index bare server', main);
