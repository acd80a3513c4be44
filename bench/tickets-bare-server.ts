/**
 * The baselines for bench/tickets: a bare Fastify app with a `pg.Pool` of the app's size
 * running the app's own SQL (handed over in BARE_SPEC, compiled from the repo's query
 * builders by bench/lib/app-sql.ts) with no tenant resolution, authentication, validation,
 * response schema or presenter. Run as its own process, like the real server.
 *
 *   GET  /bare/tickets           the portal list's page query and count query, side by side
 *   GET  /bare/tickets+page      the page query alone (the minimal endpoint: one query, no total)
 *   GET  /bare/tickets+named     page and count sent as named prepared statements, as the app
 *                                sends its SQL (platform/db/named-statements.ts): the baseline
 *                                the goal is judged against, since a plain query of the page is
 *                                planned on every call (~2 ms at 1,000,000 tickets)
 *   GET  /bare/tickets+app-sql   the app's own statement (appList: the page as JSON text with its
 *                                total in one statement), named, its items joined into the answer
 *                                as text as the app does (diagnostic: the app's SQL without the app)
 *   GET  /bare/console-tickets   the console queue's page and count (consoleList), side by side
 *   GET  /bare/console-tickets+named  the same, named (the console queue's goal baseline)
 *   GET  /bare/console-tickets+exact-named  the page with an exact count, named (before the cap)
 *   POST /bare/tickets           one INSERT of a ticket row, its number from a counter in this
 *                                process starting at BARE_NUMBER_START (the create baseline:
 *                                no sequence, custom values, outbox event or joined answer)
 *   POST /bare/tickets+app-sql   the app's creation statement as the repo compiles it
 *                                (insertTicketWithEvent), named as the app sends it, then the
 *                                NOTIFY the bus sends
 *                                (diagnostic: the app's SQL without HTTP, auth, validation or
 *                                presenter)
 *
 * Env: BARE_PORT, BARE_POOL_SIZE, BARE_SPEC (JSON, see BareTicketsSpec), and
 * BARE_DATABASE_URL (PostgreSQL) or BARE_DATA_DIR (PGlite in a worker thread, as the app).
 */
import Fastify from 'fastify';
import pg from 'pg';
import { openBarePool, runBare, serveBare } from './lib/bare.ts';
import type { CapturedQuery, TicketWriteSql } from './lib/app-sql.ts';
import { isCountQuery } from './lib/count-query.ts';

export interface BareTicketsSpec {
  /** The portal list's page and count queries, alone. */
  list: CapturedQuery[];
  /** The portal list as the app sends it (one statement whose rows carry `total_count`). */
  appList?: CapturedQuery[];
  /** The console queue's page and count (GET /api/v1/tickets?status=open&page=1&pageSize=25), counted as the app counts. */
  consoleList?: CapturedQuery[];
  /** The same page with an exact count of every match (the baseline before the app capped its totals). */
  consoleExactList?: CapturedQuery[];
  /** A count above this answers this, as the app answers a capped total (TOTAL_COUNTED_PAST_PAGE past page 1). */
  totalCap?: number;
  /** PostgreSQL only: the create baselines. */
  write?: TicketWriteSql & { numberStart: number };
  /** The app's NOTIFY channel (bus.ts), for the +app-sql diagnostic. */
  notifyChannel?: string;
}

async function main(): Promise<void> {
  const given = JSON.parse(process.env.BARE_SPEC ?? 'null') as BareTicketsSpec | null;
  if (!given) throw new Error('BARE_SPEC is required');
  const spec: BareTicketsSpec = given;

  const bare = await openBarePool();
  // The app's driver set-up (platform/db/database.ts): bigint as number.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
  const { pool } = bare;

  const isPage = (q: CapturedQuery) => !isCountQuery(q);
  if (!spec.list.some(isPage)) throw new Error('no page query among the list queries');

  /** Page and total side by side, with plain or named statements. */
  async function list(queries: CapturedQuery[], named: boolean, prefix: string, exact = false) {
    const results = await Promise.all(queries.map((q, i) => pool.query(named ? { name: `${prefix}_${i}`, text: q.sql, values: q.parameters } : { text: q.sql, values: q.parameters })));
    const items = results[queries.findIndex(isPage)]?.rows ?? [];
    const counted = (results[queries.findIndex((q) => !isPage(q))]?.rows[0] as { n?: unknown } | undefined)?.n;
    // The app's one statement: every row carries the total.
    const carried = (items[0] as { total_count?: unknown } | undefined)?.total_count;
    const total = Number(counted ?? carried ?? items.length);
    return { items, total: !exact && spec.totalCap !== undefined && total > spec.totalCap ? spec.totalCap : total, page: 1, pageSize: 25 };
  }
  const pageOnly = spec.list.filter(isPage);
  const consoleList = spec.consoleList;

  const app = Fastify({ logger: false });
  app.get('/bare/tickets', async () => list(spec.list, false, 'bare_list'));
  app.get('/bare/tickets+named', async () => list(spec.list, true, 'bare_list'));
  app.get('/bare/tickets+page', async () => list(pageOnly, false, 'bare_page'));
  const appList = spec.appList;
  if (appList) {
    app.get('/bare/tickets+app-sql', async (_req, reply) => {
      const { items, total } = await list(appList, true, 'bare_app_list');
      const texts = items.map((r) => (r as { summary?: unknown }).summary);
      if (!texts.every((t) => typeof t === 'string')) throw new Error("the app's statement answered rows without a summary column");
      return reply.type('application/json; charset=utf-8').send(`{"items":[${texts.join(',')}],"total":${total},"page":1,"pageSize":25}`);
    });
  }
  if (consoleList) {
    app.get('/bare/console-tickets', async () => list(consoleList, false, 'bare_console'));
    app.get('/bare/console-tickets+named', async () => list(consoleList, true, 'bare_console'));
  }
  const consoleExactList = spec.consoleExactList;
  if (consoleExactList) app.get('/bare/console-tickets+exact-named', async () => list(consoleExactList, true, 'bare_console_exact', true));

  const write = spec.write;
  if (write) {
    let next = write.numberStart;
    const withBody = (q: CapturedQuery, body: unknown, at: { subject: number; description: number }) => {
      const b = (body ?? {}) as { subject?: unknown; description?: unknown };
      const params = [...q.parameters];
      if (typeof b.subject === 'string') params[at.subject] = b.subject;
      if (typeof b.description === 'string') params[at.description] = b.description;
      return params;
    };
    const insertAt = { subject: write.subjectIndex.insert, description: write.descriptionIndex.insert };
    const appAt = { subject: write.subjectIndex.app, description: write.descriptionIndex.app };
    app.post('/bare/tickets', async (req, reply) => {
      const params = withBody(write.insert, req.body, insertAt);
      params[write.insert.numberIndex] = next++;
      const r = await pool.query<{ id: string; number: number }>(write.insert.sql, params);
      return reply.status(201).send(r.rows[0]);
    });
    app.post('/bare/tickets+app-sql', async (req, reply) => {
      const row = (await pool.query<{ id: string; number: number }>({ name: 'bare_app_create', text: write.app.sql, values: withBody(write.app, req.body, appAt) })).rows[0];
      if (spec.notifyChannel) await pool.query('select pg_notify($1, $2)', [spec.notifyChannel, JSON.stringify({ topic: 'ticket.created', ticketId: row?.id })]);
      return reply.status(201).send(row);
    });
  }

  await serveBare('bare tickets server', app, bare);
}

runBare('bare tickets server', main);
