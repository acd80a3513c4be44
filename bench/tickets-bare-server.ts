/**
 * The baselines for bench/tickets: a bare Fastify app with a `pg.Pool` of the app's size
 * running the app's own SQL (handed over in BARE_SPEC, compiled from the repo's query
 * builders by bench/lib/app-sql.ts) with no tenant resolution, authentication, validation,
 * response schema or presenter. Run as its own process, like the real server.
 *
 *   GET  /bare/tickets           the portal list's page and total, side by side (the baseline)
 *   GET  /bare/tickets+statuses  the app's statuses lookup first, then the list (diagnostic:
 *                                what the portal's extra round trip alone costs)
 *   POST /bare/tickets           one INSERT of the repo's ticket row, its number from a
 *                                counter in this process starting at BARE_NUMBER_START (the
 *                                create baseline: no transaction, counter row or outbox)
 *   POST /bare/tickets+tx        the app's writes only, as raw SQL: BEGIN, the tenant counter
 *                                upsert, the INSERT, the outbox INSERT, COMMIT, then NOTIFY
 *                                (diagnostic: the cost of the create's transaction shape,
 *                                without its reads, validation and detail answer)
 *   POST /bare/tickets+tx-outbox the same without the counter (number from this process):
 *                                what the transaction and the outbox cost by themselves
 *   POST /bare/tickets+cte       a fix candidate: counter upsert, INSERT and outbox INSERT in
 *                                one statement (data-modifying CTEs, autocommit), then NOTIFY
 *   POST /bare/tickets+cte-seq   another: INSERT and outbox INSERT in one statement, the
 *                                number from a sequence (created here in the bench database)
 *
 * Env: BARE_PORT, BARE_POOL_SIZE, BARE_SPEC (JSON, see BareTicketsSpec), and
 * BARE_DATABASE_URL (PostgreSQL) or BARE_DATA_DIR (PGlite in a worker thread, as the app).
 */
import Fastify from 'fastify';
import pg from 'pg';
import { openBarePool, runBare, serveBare } from './lib/bare.ts';
import type { CapturedQuery, TicketWriteSql } from './lib/app-sql.ts';

export interface BareTicketsSpec {
  list: CapturedQuery[];
  statuses: CapturedQuery;
  /** PostgreSQL only: the create baselines. */
  write?: TicketWriteSql & { numberStart: number; subjectIndex: number; descriptionIndex: number; sequenceName: string };
  /** The app's NOTIFY channel (bus.ts), for the +tx diagnostic. */
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

  const pageIndex = spec.list.findIndex((q) => / limit /i.test(q.sql));
  const countIndex = spec.list.findIndex((_, i) => i !== pageIndex);
  if (pageIndex < 0) throw new Error('no page query (with LIMIT) among the list queries');

  async function list() {
    const results = await Promise.all(spec.list.map((q) => pool.query(q.sql, q.parameters)));
    const items = results[pageIndex]?.rows ?? [];
    const counted = countIndex >= 0 ? (results[countIndex]?.rows[0] as { n?: unknown } | undefined)?.n : undefined;
    return { items, total: Number(counted ?? items.length), page: 1, pageSize: 25 };
  }

  const app = Fastify({ logger: false });
  app.get('/bare/tickets', async () => list());
  app.get('/bare/tickets+statuses', async () => {
    await pool.query(spec.statuses.sql, spec.statuses.parameters);
    return list();
  });

  const write = spec.write;
  if (write) {
    let next = write.numberStart;
    const insertParams = (body: unknown, number: number) => {
      const b = (body ?? {}) as { subject?: unknown; description?: unknown };
      const params = [...write.insert.parameters];
      params[write.insert.numberIndex] = number;
      if (typeof b.subject === 'string') params[write.subjectIndex] = b.subject;
      if (typeof b.description === 'string') params[write.descriptionIndex] = b.description;
      return params;
    };
    app.post('/bare/tickets', async (req, reply) => {
      const r = await pool.query<{ id: string; number: number }>(write.insert.sql, insertParams(req.body, next++));
      return reply.status(201).send(r.rows[0]);
    });
    const notify = async (row: { id: string } | undefined) => {
      if (spec.notifyChannel) await pool.query('select pg_notify($1, $2)', [spec.notifyChannel, JSON.stringify({ topic: 'ticket.created', ticketId: row?.id })]);
    };
    // The app's writes as it sends them (with the counter), or without the counter (own number).
    const inTransaction = async (body: unknown, withCounter: boolean) => {
      const client = await pool.connect();
      let row: { id: string; number: number } | undefined;
      try {
        await client.query('begin');
        let number: number;
        if (withCounter) {
          const counter = await client.query<{ value: number }>(write.counter.sql, write.counter.parameters);
          number = Number(counter.rows[0]?.value);
        } else {
          number = next++;
        }
        row = (await client.query<{ id: string; number: number }>(write.insert.sql, insertParams(body, number))).rows[0];
        const outboxParams = [...write.outbox.parameters];
        const payload = JSON.parse(String(outboxParams[write.outbox.payloadIndex])) as Record<string, unknown>;
        outboxParams[write.outbox.payloadIndex] = JSON.stringify({ ...payload, ticketId: row?.id, number });
        await client.query(write.outbox.sql, outboxParams);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
      await notify(row);
      return row;
    };
    app.post('/bare/tickets+tx', async (req, reply) => reply.status(201).send(await inTransaction(req.body, true)));
    app.post('/bare/tickets+tx-outbox', async (req, reply) => reply.status(201).send(await inTransaction(req.body, false)));

    // Fix candidates, hand-written (not the repo's SQL): ticket and outbox event in one
    // statement, numbered by the tenant counter (locked for that statement and its commit
    // only) or by a sequence (no lock; a rolled-back creation leaves a gap).
    const columns = /^insert into "tickets" \(([^)]*)\)/.exec(write.insert.sql)?.[1]?.split(',').map((c) => c.trim()) ?? [];
    if (columns.length !== write.insert.parameters.length) throw new Error(`cannot read the ticket insert's columns:\n${write.insert.sql}`);
    const tenantAt = columns.indexOf('"tenant_id"');
    const requesterAt = columns.indexOf('"requester_id"');
    // INSERT … SELECT does not type its parameters from the target columns: cast them.
    const types = new Map(
      (await pool.query<{ column_name: string; udt_name: string }>(`select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = 'tickets'`)).rows.map(
        (r) => [`"${r.column_name}"`, r.udt_name],
      ),
    );
    // The number comes from the statement: its parameter is left out and the rest renumbered.
    const position = (i: number) => (i < write.insert.numberIndex ? i + 1 : i);
    const param = (i: number) => `$${position(i)}::${types.get(columns[i] ?? '') ?? 'text'}`;
    const oneStatement = (numberSource: string, numberExpr: string) => `
      with ${numberSource}t as (
        insert into tickets (${columns.join(', ')})
        select ${columns.map((_, i) => (i === write.insert.numberIndex ? numberExpr : param(i))).join(', ')}${numberSource ? ' from n' : ''}
        returning id, number
      ), o as (
        insert into outbox (tenant_id, topic, payload)
        select ${param(tenantAt)}, 'ticket.created',
               jsonb_build_object('ticketId', t.id, 'number', t.number, 'createdByContactId', ${param(requesterAt)}, 'createdByTechnicianId', null)
        from t
      )
      select id, number from t`;
    const withCounter = oneStatement(
      `n as (
        insert into tenant_counters (tenant_id, name, value) values (${param(tenantAt)}, 'ticket', 1001)
        on conflict (tenant_id, name) do update set value = tenant_counters.value + 1 returning value
      ), `,
      'n.value',
    );
    const sequence = spec.write?.sequenceName;
    if (!sequence || !/^porta_bench_\w+$/.test(sequence)) throw new Error('a porta_bench_* sequence name is required');
    await pool.query(`create sequence if not exists ${sequence} as integer start ${write.numberStart + 50_000_000}`);
    const withSequence = oneStatement('', `nextval('${sequence}')`);
    const route = (url: string, text: string) =>
      app.post(url, async (req, reply) => {
        const params = insertParams(req.body, 0);
        params.splice(write.insert.numberIndex, 1);
        const row = (await pool.query<{ id: string; number: number }>(text, params)).rows[0];
        await notify(row);
        return reply.status(201).send(row);
      });
    route('/bare/tickets+cte', withCounter);
    route('/bare/tickets+cte-seq', withSequence);
  }

  await serveBare('bare tickets server', app, bare);
}

runBare('bare tickets server', main);
