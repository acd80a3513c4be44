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
import pg from 'pg';
import { startEmbeddedDatabase } from '../apps/server/src/platform/db/embedded.ts';
import type { CapturedQuery } from './lib/app-sql.ts';

export interface BareSpec {
  list: CapturedQuery[];
  session: CapturedQuery & { tokenHashIndex: number };
  cookieName: string;
}

async function main(): Promise<void> {
  const port = Number(process.env.BARE_PORT);
  const poolSize = Number(process.env.BARE_POOL_SIZE ?? 10);
  const given = JSON.parse(process.env.BARE_QUERIES ?? 'null') as BareSpec | null;
  if (!given || !Number.isInteger(port)) throw new Error('BARE_PORT and BARE_QUERIES are required');
  const spec: BareSpec = given;

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

  const close = async () => {
    await app.close();
    await pool.end();
    await stopEmbedded();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write(`bare server on 127.0.0.1:${port}, pool ${poolSize}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bare server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
