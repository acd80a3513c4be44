/**
 * The baseline for bench/contacts-list: a bare Fastify app with a `pg.Pool` of the app's
 * size that runs the app's contact-list SQL (handed over in BARE_QUERIES, compiled from the
 * repo's query builder) with no tenant resolution, authentication, validation or
 * serialisation schema. Run as its own process, like the real server.
 *
 *   GET /api/v1/contacts       the list queries only (the baseline)
 *   GET /bare-auth/contacts    the app's session lookup first, then the list (a diagnostic:
 *                              what the extra round trip alone costs)
 *
 * Env: BARE_PORT, BARE_POOL_SIZE, BARE_QUERIES (JSON), and BARE_DATABASE_URL (PostgreSQL) or
 * BARE_DATA_DIR (PGlite in a worker thread, started as the app starts it).
 */
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { openBarePool, runBare, serveBare } from './lib/bare.ts';
import type { CapturedQuery } from './lib/app-sql.ts';

export interface BareSpec {
  list: CapturedQuery[];
  session: CapturedQuery & { tokenHashIndex: number };
  cookieName: string;
}

async function main(): Promise<void> {
  const given = JSON.parse(process.env.BARE_QUERIES ?? 'null') as BareSpec | null;
  if (!given) throw new Error('BARE_QUERIES is required');
  const spec: BareSpec = given;

  const bare = await openBarePool();
  const { pool } = bare;

  const pageIndex = spec.list.findIndex((q) => / limit /i.test(q.sql));
  const countIndex = spec.list.findIndex((_, i) => i !== pageIndex);
  if (pageIndex < 0) throw new Error('no page query (with LIMIT) among the list queries');

  // Sent side by side, as the app's fetchPage does.
  async function list() {
    const results = await Promise.all(spec.list.map((q) => pool.query(q.sql, q.parameters)));
    const items = results[pageIndex]?.rows ?? [];
    const counted = countIndex >= 0 ? (results[countIndex]?.rows[0] as { n?: unknown } | undefined)?.n : undefined;
    return { items, total: Number(counted ?? items.length), page: 1, pageSize: 25 };
  }

  const app = Fastify({ logger: false });
  app.get('/api/v1/contacts', async () => list());
  app.get('/bare-auth/contacts', async (req, reply) => {
    const cookie = req.headers.cookie ?? '';
    const token = new RegExp(`(?:^|;\\s*)${spec.cookieName}=([^;]+)`).exec(cookie)?.[1];
    if (!token) return reply.status(401).send({ error: 'no session' });
    const params = [...spec.session.parameters];
    params[spec.session.tokenHashIndex] = createHash('sha256').update(decodeURIComponent(token)).digest('base64url');
    const found = await pool.query(spec.session.sql, params);
    if (found.rowCount === 0) return reply.status(401).send({ error: 'no session' });
    return list();
  });

  await serveBare('bare server', app, bare);
}

runBare('bare server', main);
