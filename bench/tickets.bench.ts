/**
 * Portal tickets (issue 3, "Measure and report"), against bare Fastify + `pg` endpoints
 * (bench/tickets-bare-server.ts) running the app's own SQL, measured in the same run with the
 * variants alternated round by round:
 *
 * - PostgreSQL, 1,000,000 tickets over 500 customers in one tenant, signed in (through the
 *   portal login) as the primary contact of a customer with 10,000 tickets:
 *   - list: GET /api/v1/portal/tickets?scope=company&status=open&page=1&pageSize=25 (newest
 *     first, status filter) at 50 connections. Goal: ≥ 60% of the bare endpoint's req/s with
 *     p99 < 50 ms.
 *   - create: POST /api/v1/portal/tickets (CSRF header) against a bare single-row INSERT.
 *     Goal: ≥ 50% of the bare insert's req/s.
 * - PGlite, 100,000 tickets (the same target customer with 10,000): list p99 (no goal).
 *
 * Besides req/s and latency: CPU per request of each side (lib/load.ts), EXPLAIN (ANALYZE,
 * BUFFERS) of the list's page and count queries with the index that serves them, and a
 * trace of every query one creation sends (in this process, through the repo's services),
 * to say where the time goes when a goal is missed.
 *
 * Every timed round of a variant follows a lead-in of BENCH_LEAD_IN seconds of the same load,
 * reported on its own as "the first second after idling": between its rounds a variant's
 * server sits idle while the others are loaded (12–32 s), and its first second back (new
 * connections, cold caches, a young generation regrowing) is a start-up transient the timed
 * round would otherwise fold into its p99 (bench/README.md, "Issue 16: the first second after
 * idling").
 *
 * Env: BENCH_ENGINES=postgres,pglite  BENCH_DURATION=8 (list rounds, s)  BENCH_CREATE_DURATION=6
 *      BENCH_ROUNDS=3  BENCH_WARMUP=3  BENCH_LEAD_IN=1  BENCH_CONNECTIONS=50  BENCH_TICKETS=1000000
 *      BENCH_PGLITE_TICKETS=100000  BENCH_PARTS=list,create  BENCH_PROFILE=1
 *      BENCH_PG_URL=postgres://postgres@127.0.0.1:5432
 */
import fs from 'node:fs';
import path from 'node:path';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { portalTicketListQuerySchema, ticketPageSchema } from '@porta/contracts/tickets';
import { loadConfig } from '../apps/server/src/config.ts';
import { contactFromSession } from '../apps/server/src/platform/auth/authenticate.ts';
import { createSession } from '../apps/server/src/platform/auth/sessions.ts';
import { boot } from '../apps/server/src/platform/boot.ts';
import { hashPassword } from '../apps/server/src/platform/crypto/passwords.ts';
import type { Database } from '../apps/server/src/platform/db/schema.ts';
import { createTenantWithAdmin } from '../apps/server/src/features/tenants/tenants.service.ts';
import { hiddenSummaryProps, portalTicketSettings } from '../apps/server/src/features/tickets/portal-tickets.policy.ts';
import { defaultPortalSettings } from '../apps/server/src/features/portal-settings/portal-settings.model.ts';
import { createForContact, listForContact } from '../apps/server/src/features/tickets/portal-tickets.service.ts';
import { forPortal, presentSummary } from '../apps/server/src/features/tickets/tickets.presenter.ts';
import { ticketPageBody } from '../apps/server/src/features/tickets/ticket-summary-json.ts';
import { TOTAL_COUNTED_PAST_PAGE, type TicketSummaryRow } from '../apps/server/src/features/tickets/tickets.repo.ts';
import { defaultPoolSize } from '../apps/server/src/platform/db/pool-size.ts';
import type { BareTicketsSpec } from './tickets-bare-server.ts';
import { isCountQuery } from './lib/count-query.ts';
import { consoleListQueries, ticketListBuildMicros, ticketListQueries, ticketWriteSql, type CapturedQuery } from './lib/app-sql.ts';
import { assertWrk } from './lib/wrk.ts';
import {
  BENCH_SECRET_KEY,
  freePort,
  machine,
  median,
  memoryOf,
  removeDir,
  ROOT,
  round,
  runMain,
  sleep,
  serverCommand,
  startNode,
  table,
  tempDir,
  waitFor200,
  writeResult,
  type Child,
  type ServerCommand,
} from './lib/common.ts';
import { BackendMeter, backendCpuPerRun, getJson, mediansOf, microUs, shoot, timeSql, type Medians, type Shot, type SqlCost } from './lib/load.ts';
import { databaseUrl, dropDatabase, postgresUnavailable, recreateDatabase } from './lib/postgres.ts';
import { seedTickets, type TicketSeedResult } from './lib/tickets-seed.ts';

type Engine = 'postgres' | 'pglite';

const env = process.env;
const ENGINES = (env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()) as Engine[];
const DURATION_S = Number(env.BENCH_DURATION ?? 8);
const CREATE_DURATION_S = Number(env.BENCH_CREATE_DURATION ?? 6);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(env.BENCH_WARMUP ?? 3);
/** Seconds of load right before each timed round, measured apart (0: none). */
const LEAD_IN_S = Number(env.BENCH_LEAD_IN ?? 1);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
/** Which PostgreSQL measurements run (`list`, `create`): one alone makes a CPU profile of that one. */
/** The statement-CPU table: interleaved passes per statement, runs per pass. */
const STATEMENT_CPU = { passes: 3, runs: 1500 };
const PARTS = new Set((env.BENCH_PARTS ?? 'list,create').split(',').map((p) => p.trim()));
const TICKETS: Record<Engine, number> = { postgres: Number(env.BENCH_TICKETS ?? 1_000_000), pglite: Number(env.BENCH_PGLITE_TICKETS ?? 100_000) };
const CUSTOMERS = 500;
const TARGET_TICKETS = 10_000;
/** The app's default pool (platform/db/pool-size.ts: twice the cores on PostgreSQL), for the app and the bare servers alike. */
const POOL_SIZE: Record<Engine, number> = { postgres: defaultPoolSize('postgres'), pglite: defaultPoolSize('pglite') };
const LIST_GOAL = { ratio: 0.6, p99Ms: 50 };
/** Issue 16 item 2: with the mail worker on in the same process. */
const CREATE_GOAL = 0.6;
/** BENCH_TICKETS_DB: another name when two runs share the PostgreSQL server. */
const PG_DB = env.BENCH_TICKETS_DB ?? 'porta_bench_tickets';
const LIST_PATH = '/api/v1/portal/tickets?scope=company&status=open&page=1&pageSize=25';
/** The console queue as a technician opens it on open tickets: the whole tenant, newest first. */
const CONSOLE_PATH = '/api/v1/tickets?status=open&page=1&pageSize=25&sort=newest';
/** Issue 16 item 4: the app's RSS under the list load. */
const RSS_GOAL_MIB = 200;
const CREATE_PATH = '/api/v1/portal/tickets';
const ADMIN = { name: 'Bench Admin', email: 'tech@bench.example', password: 'bench-password-123' };
const CONTACT_PASSWORD = 'contact-password-123';
const NEW_TICKET = {
  subject: 'Printer in room 2.14 prints blank pages',
  description: 'Since this morning the **printer** in room 2.14 prints blank pages.\n\n- toner replaced\n- restarted twice',
  priority: 'high',
};
/** Far above the app's numbers (1001 + tickets): the bare insert's own number sequence. */
const BARE_NUMBER_START = 900_000_000;
const NOTIFY_CHANNEL = 'porta_events';

type ListKey = 'app' | 'bare' | 'barePage' | 'bareNamed' | 'bareAppSql';
type ConsoleKey = 'app' | 'bare' | 'bareNamed' | 'bareExactNamed';
type CreateKey = 'app' | 'bare' | 'bareAppSql';
const LIST_VARIANTS: Record<ListKey, string> = {
  app: 'app (tenant + session + zod)',
  bare: 'bare: page + count side by side (plain queries)',
  barePage: 'bare: the page query alone (minimal, plain)',
  bareNamed: 'bare: page + count side by side, named statements (the goal baseline)',
  bareAppSql: "bare: the app's one statement (page + total), named (diagnostic)",
};
const CONSOLE_VARIANTS: Record<ConsoleKey, string> = {
  app: 'app console queue (technician session)',
  bare: 'bare: its page + count side by side (plain queries)',
  bareNamed: 'bare: its page + count side by side, named statements (the goal baseline)',
  bareExactNamed: 'bare: its page + an exact count of every match, named (before the cap)',
};
const CREATE_VARIANTS: Record<CreateKey, string> = {
  app: 'app POST, mail worker on (session + fields + one statement + NOTIFY + answer)',
  bare: 'bare single-row INSERT',
  bareAppSql: "bare running the app's statement (named) + NOTIFY (diagnostic)",
};
const CREATE_PATHS: Record<Exclude<CreateKey, 'app'>, string> = {
  bare: '/bare/tickets',
  bareAppSql: '/bare/tickets+app-sql',
};

// ---------------------------------------------------------------- preparation (in this process)

interface Explained {
  query: string;
  /** The lines that say how the query runs: the tickets scan and its index, heap fetches, sorts, totals. */
  keyLines: string[];
  plan: string[];
}

interface TraceLine {
  query: string;
  perCreate: number;
  medianMs: number;
}

interface CreateTrace {
  creates: number;
  /** Median wall time of one creation with its answer, one at a time, ms. */
  medianWallMs: number;
  /** Queries per creation through Kysely, and the NOTIFY the bus sends on the pool after the statement. */
  queriesPerCreate: number;
  notifyPerCreate: number;
  lines: TraceLine[];
}

interface Prepared {
  tenantId: string;
  seed: TicketSeedResult;
  openStatusId: string;
  /** The portal list: `app` as the app sends it (one statement), `parts` its page and count alone. */
  listQueries: { app: CapturedQuery[]; parts: CapturedQuery[] };
  /** The console queue's, likewise (PostgreSQL only). */
  consoleQueries: { app: CapturedQuery[]; parts: CapturedQuery[]; exactParts: CapturedQuery[] } | null;
  explain: Explained[];
  sqlCost: SqlCost[];
  /** PostgreSQL CPU per run of each list statement, named as the app sends it (PostgreSQL only). */
  statementCpu: { query: string; backendCpuUs: number }[];
  appCpu: { listBuildUs: number; queryValidationUs: number; pageTextUs: number; rowsPresentUs: number; rowsStringifyUs: number; rowsZodSerialiseUs: number; responseBytes: number };
  write: BareTicketsSpec['write'] | null;
  createTrace: CreateTrace | null;
  /** Open tickets of the target customer once prepared (the seed's plus the traced creations), counted independently of the app's SQL. */
  expectedListTotal: number;
  /** The number the app's next creation gets (the tenant's sequence, one on). */
  expectedNextNumber: number;
}

function shortenPlanLine(line: string): string {
  return line
    .trim()
    .replace(/^->\s+/, '')
    .replace(/\s*\(cost=[^)]*\)/, '')
    .replace(/'[0-9a-f]{8}-[0-9a-f-]{27}'::uuid/g, '…')
    .replace(/'\{[0-9a-f,-]{36,}\}'::uuid\[\]/g, '{…}');
}

/** EXPLAIN (ANALYZE, BUFFERS) of one query (its second run: cache warm), with the key lines picked out. */
async function explain(pool: pg.Pool, q: CapturedQuery, label: string): Promise<Explained> {
  let plan: string[] = [];
  for (let i = 0; i < 2; i++) {
    const r = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.parameters);
    plan = r.rows.map((row) => row['QUERY PLAN']);
  }
  const keyLines: string[] = [];
  const first = plan[0];
  if (first) keyLines.push(shortenPlanLine(first));
  // The scan on tickets with its detail lines (up to the next plan node), and any sort.
  let inTicketsScan = false;
  plan.forEach((line, i) => {
    if (i === 0) return;
    const node = /^\s*->/.test(line);
    if (node) inTicketsScan = /Scan.* on tickets\b/.test(line);
    if (inTicketsScan && (node || /Index Cond|Filter|Heap Fetches/.test(line))) keyLines.push(shortenPlanLine(line));
    else if (node && /\bSort\b/.test(line)) keyLines.push(shortenPlanLine(line));
  });
  const buffers = plan.find((l) => /^\s*Buffers:/.test(l));
  if (buffers) keyLines.push(`total ${shortenPlanLine(buffers)}`);
  for (const l of plan) if (/^(Planning|Execution) Time/.test(l.trim())) keyLines.push(l.trim());
  return { query: label, keyLines: [...new Set(keyLines)], plan };
}

function queryLabel(q: string): string {
  const s = q.replace(/\s+/g, ' ').trim();
  if (/^(begin|commit|rollback)$/i.test(s)) return s.toUpperCase();
  if (/^with src as/.test(s)) return 'ticket creation (one statement)';
  const ins = /^insert into "(\w+)"/.exec(s);
  if (ins) return `insert ${ins[1]}`;
  const from = /^select .*? from "(\w+)"/.exec(s);
  if (from) return `select ${from[1]}${/ join /.test(s) ? ' (joined)' : ''}`;
  return s.slice(0, 50);
}

/**
 * One creation at a time through the repo's services (what POST /api/v1/portal/tickets runs:
 * createForContact, which answers the detail), every query logged with its time.
 */
async function traceCreates(ctxDb: { pool: pg.Pool }, run: (db: Kysely<Database>) => Promise<void>, creates: number): Promise<CreateTrace> {
  const log: { sql: string; start: number; ms: number }[] = [];
  const traced = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: ctxDb.pool }),
    log: (e) => {
      if (e.level === 'query') log.push({ sql: e.query.sql, start: performance.now() - e.queryDurationMillis, ms: e.queryDurationMillis });
    },
  });
  // Not destroyed: that would end the shared pool, which the caller closes.
  for (let i = 0; i < 5; i++) await run(traced);
  log.length = 0;
  const walls: number[] = [];
  const perCreate: { sql: string; start: number; ms: number }[][] = [];
  for (let i = 0; i < creates; i++) {
    const from = log.length;
    const t0 = performance.now();
    await run(traced);
    walls.push(performance.now() - t0);
    perCreate.push(log.slice(from));
  }
  const byLabel = new Map<string, { count: number; ms: number[] }>();
  for (const c of perCreate) {
    for (const q of c) {
      const label = queryLabel(q.sql);
      const entry = byLabel.get(label) ?? { count: 0, ms: [] };
      entry.count++;
      entry.ms.push(q.ms);
      byLabel.set(label, entry);
    }
  }
  const lines = [...byLabel].map(([query, e]) => ({ query, perCreate: round(e.count / creates, 2), medianMs: round(median(e.ms), 3) }));
  return {
    creates,
    medianWallMs: round(median(walls), 2),
    queriesPerCreate: round(perCreate.reduce((n, c) => n + c.length, 0) / creates, 1),
    notifyPerCreate: 1,
    lines,
  };
}

/** A tenant with an admin (the repo's own service), then the tickets seed, then the SQL checks. */
async function prepare(engine: Engine, target: { databaseUrl: string } | { dataDir: string }): Promise<Prepared> {
  const config = loadConfig({
    ...('databaseUrl' in target ? { DATABASE_URL: target.databaseUrl } : { PORTA_DATA_DIR: target.dataDir }),
    PORTA_SECRET_KEY: BENCH_SECRET_KEY,
    PORTA_DB_POOL_SIZE: String(POOL_SIZE[engine]),
    LOG_LEVEL: 'warn',
  });
  const { ctx, handle } = await boot(config);
  try {
    const { tenant } = await createTenantWithAdmin(ctx, { slug: 'bench', name: 'Bench MSP', admin: ADMIN });
    // One argon2id hash for every person: hashing thousands would take minutes and measure nothing.
    const passwordHash = await hashPassword(CONTACT_PASSWORD);
    const seed = await seedTickets(ctx.db, {
      tenantId: tenant.id,
      tickets: TICKETS[engine],
      customers: CUSTOMERS,
      targetTickets: TARGET_TICKETS,
      technicians: 20,
      contactsPerCustomer: 5,
      passwordHash,
    });
    console.log(
      `  seeded ${seed.counts.tickets.toLocaleString('en')} tickets in ${round(seed.ms.total / 1000, 1)} s ` +
        `(people ${seed.ms.people} ms, insert ${seed.ms.insert} ms, ${seed.rebuiltIndexes.length} indexes ${seed.ms.indexes} ms, vacuum analyze ${seed.ms.vacuumAnalyze} ms); ` +
        `table ${seed.tableMiB} MiB, indexes ${seed.indexesMiB} MiB; target customer: ${seed.counts.targetTickets} tickets, ${seed.counts.targetOpen} open`,
    );

    // What listForContact computes for scope=company&status=open: the visible statuses with key 'open'.
    const statuses = await handle.pool.query<{ id: string; key: string }>(`select id, key from ticket_statuses where tenant_id = $1`, [tenant.id]);
    const openStatusId = statuses.rows.find((s) => s.key === 'open')?.id;
    if (!openStatusId) throw new Error('no open status');
    // The bench's tenant keeps the default portal settings: the fields they hide are left out of the app's statement.
    const omit = hiddenSummaryProps(defaultPortalSettings());
    const listQueries = await ticketListQueries(tenant.id, { customerId: seed.customerId, statusKeys: ['open'], omit });
    const consoleQueries = engine === 'postgres' ? await consoleListQueries(tenant.id, 'open') : null;
    const labelOf = (q: CapturedQuery) => (isCountQuery(q) ? 'list: count' : 'list: page of 25');
    const labelled: [CapturedQuery, string][] = [...listQueries.parts.map((q): [CapturedQuery, string] => [q, labelOf(q)]), ...listQueries.app.map((q): [CapturedQuery, string] => [q, "list: the app's statement (page + total)"])];

    const explained: Explained[] = [];
    for (const [q, label] of labelled) explained.push(await explain(handle.pool, q, label));
    const sqlCost: SqlCost[] = [await timeSql(handle.pool, { sql: 'select 1', parameters: [] }, 'select 1 (round-trip floor)')];
    for (const [q, label] of labelled) sqlCost.push(await timeSql(handle.pool, q, label));
    const statementCpu: Prepared['statementCpu'] = [];
    if (engine === 'postgres' && consoleQueries) {
      const [consoleApp] = consoleQueries.app;
      const [consolePage, consoleCount] = consoleQueries.parts;
      if (!consoleApp || !consolePage || !consoleCount || !isCountQuery(consoleCount)) throw new Error('the console queue is not one statement, or not a page and a count');
      const measured: [CapturedQuery, string][] = [
        [{ sql: 'select $1::uuid as id', parameters: [tenant.id] }, 'a statement of one parameter (floor)'],
        ...labelled,
        [consoleApp, "console queue: the app's statement (items as JSON + capped total)"],
        [consolePage, 'console queue: its page as plain columns (no JSON, no total)'],
        [consoleCount, 'console queue: its capped count alone'],
      ];
      // Passes interleaved; the least disturbed (lowest) of each statement's passes is kept.
      const lowest = measured.map(() => Infinity);
      for (let pass = 0; pass < STATEMENT_CPU.passes; pass++) {
        for (const [i, [q]] of measured.entries()) lowest[i] = Math.min(lowest[i] ?? Infinity, await backendCpuPerRun(handle.pool, q, STATEMENT_CPU.runs));
      }
      for (const [i, [, label]] of measured.entries()) statementCpu.push({ query: label, backendCpuUs: lowest[i] ?? Infinity });
    }

    // The contact as every request sees it, and the app's own CPU work per list request.
    const { token } = await createSession(ctx, tenant.id, 'contact', seed.contactId, { ip: '127.0.0.1', userAgent: 'bench' });
    const contact = await contactFromSession(ctx, tenant.id, token);
    if (!contact) throw new Error('bench contact has no session');
    const settings = portalTicketSettings(contact);
    if (hiddenSummaryProps(settings).join() !== omit.join()) throw new Error(`the contact's hidden fields (${hiddenSummaryProps(settings).join()}) are not the defaults' (${omit.join()}): update the list queries`);
    const query = { scope: 'company' as const, status: 'open', page: 1, pageSize: 25 };
    const page = await listForContact(ctx, contact, settings, query);
    // For comparison, the same page read as rows (the bare page's columns) and presented and serialised in the app, as the list did before its items came as JSON from PostgreSQL.
    const pageSql = listQueries.parts.find((q) => !isCountQuery(q));
    if (!pageSql) throw new Error('no page query');
    const rows = (await handle.pool.query<TicketSummaryRow>(pageSql.sql, pageSql.parameters)).rows;
    const presented = () => ({ items: rows.map((r) => forPortal(presentSummary(r), settings)), total: page.total, totalExact: page.totalExact, page: 1, pageSize: 25 });
    const payload = presented();
    const zodSerialise = serializerCompiler({ schema: ticketPageSchema, method: 'GET', url: '/api/v1/portal/tickets', httpStatus: '200' });
    const validate = validatorCompiler({ schema: portalTicketListQuerySchema, method: 'GET', url: '/api/v1/portal/tickets', httpPart: 'querystring' });
    const appCpu = {
      listBuildUs: round(await ticketListBuildMicros(tenant.id, { customerId: seed.customerId, statusKeys: ['open'], omit }), 1),
      queryValidationUs: microUs(() => validate({ scope: 'company', status: 'open', page: '1', pageSize: '25' })),
      pageTextUs: microUs(() => ticketPageBody(page, query)),
      rowsPresentUs: microUs(presented),
      rowsStringifyUs: microUs(() => JSON.stringify(payload)),
      rowsZodSerialiseUs: microUs(() => zodSerialise(payload)),
      responseBytes: ticketPageBody(page, query).length,
    };

    let write: Prepared['write'] = null;
    let createTrace: CreateTrace | null = null;
    if (engine === 'postgres') {
      const w = await ticketWriteSql(tenant.id, {
        requesterId: seed.contactId,
        customerId: seed.customerId,
        statusId: openStatusId,
        statusKey: 'open',
        subject: NEW_TICKET.subject,
        description: NEW_TICKET.description,
        priority: 'high',
        type: 'incident',
        impact: 'low',
        assigneeId: null,
        dueAt: null,
      });
      write = { ...w, numberStart: BARE_NUMBER_START };
      const body = { subject: NEW_TICKET.subject, description: NEW_TICKET.description, priority: 'high' as const };
      createTrace = await traceCreates(
        handle,
        async (db) => {
          const tctx = { ...ctx, db };
          await createForContact(tctx, contact, settings, body);
        },
        40,
      );
    }
    const open = await handle.pool.query<{ n: number }>(
      `select count(*)::int as n from tickets t join ticket_statuses s on s.id = t.status_id where t.customer_id = $1 and s.key = 'open'`,
      [seed.customerId],
    );
    const sequence = await handle.pool.query<{ next: number }>(
      `select coalesce(pg_sequence_last_value(ticket_number_sequence($1)::regclass) + 1, (select seqstart from pg_sequence where seqrelid = ticket_number_sequence($1)::regclass))::int as next`,
      [tenant.id],
    );
    return {
      expectedListTotal: Number(open.rows[0]?.n),
      expectedNextNumber: Number(sequence.rows[0]?.next),
      tenantId: tenant.id,
      seed,
      openStatusId,
      listQueries,
      consoleQueries,
      explain: explained,
      sqlCost,
      statementCpu,
      appCpu,
      write,
      createTrace,
    };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------- HTTP

async function loginContact(base: string, username: string): Promise<{ cookie: string; csrfToken: string }> {
  const res = await fetch(`${base}/api/v1/portal/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: CONTACT_PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`portal login answered ${res.status}: ${text}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  if (cookies.length === 0) throw new Error('portal login set no cookie');
  const csrfToken = (JSON.parse(text) as { csrfToken?: string }).csrfToken;
  if (!csrfToken) throw new Error('portal login answered no CSRF token');
  return { cookie: cookies.join('; '), csrfToken };
}

async function loginTechnician(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`technician login answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  if (cookies.length === 0) throw new Error('technician login set no cookie');
  return cookies.join('; ');
}

async function postJson(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

interface ListBody {
  items: { id: string }[];
  total: number;
}

function asList(r: { status: number; body: unknown }, what: string): ListBody {
  const b = r.body as Partial<ListBody> | null;
  if (r.status !== 200 || !b || !Array.isArray(b.items)) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
  return { items: b.items, total: Number(b.total) };
}

interface Variant<K extends string> {
  key: K;
  url: string;
  headers: Record<string, string>;
  child: Child;
  method?: 'GET' | 'POST';
  body?: string;
}

interface Alternated<K extends string> {
  rounds: Record<K, Shot>[];
  /** Each round's lead-in: the variant's first LEAD_IN_S seconds back after idling while the others ran (empty when LEAD_IN_S is 0). */
  leadIns: Record<K, Shot>[];
}

/** Warm-up per variant, then ROUNDS rounds in alternating order (A B C, C B A, …), each variant's timed shot right after its lead-in. */
async function alternate<K extends string>(what: string, variants: Variant<K>[], durationS: number, warmupS: number, meter: BackendMeter | null): Promise<Alternated<K>> {
  const run = (v: Variant<K>, s: number) =>
    shoot({ url: v.url, headers: v.headers, durationS: s, connections: CONNECTIONS, pid: v.child.pid, meter, method: v.method ?? 'GET', ...(v.body !== undefined && { body: v.body }) });
  for (const v of variants) await run(v, warmupS);
  const rounds: Record<K, Shot>[] = [];
  const leadIns: Record<K, Shot>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? variants : [...variants].reverse();
    const shots: Partial<Record<K, Shot>> = {};
    const leads: Partial<Record<K, Shot>> = {};
    for (const v of order) {
      if (LEAD_IN_S > 0) leads[v.key] = await run(v, LEAD_IN_S);
      shots[v.key] = await run(v, durationS);
    }
    const done = shots as Record<K, Shot>;
    rounds.push(done);
    if (LEAD_IN_S > 0) leadIns.push(leads as Record<K, Shot>);
    const [a, b] = variants;
    console.log(
      `  ${what} round ${r + 1}: ` +
        variants.map((v) => `${v.key} ${done[v.key].rps} req/s (p99 ${done[v.key].p99} ms${LEAD_IN_S > 0 ? `; lead-in p99 ${leads[v.key]?.p99} ms` : ''})`).join(', ') +
        (a && b ? ` → ${a.key}/${b.key} ${round(done[a.key].rps / done[b.key].rps, 2)}` : ''),
    );
  }
  return { rounds, leadIns };
}

interface Measured<K extends string> {
  rounds: Record<K, Shot>[];
  medians: Record<K, Medians>;
  /** Median over rounds of each variant's p99 in its lead-in (the first LEAD_IN_S seconds after idling); null without lead-ins. */
  leadInP99: Record<K, number> | null;
  /** Median over rounds of app/bare measured back to back. */
  ratio: number;
  ratioOfMedians: number;
}

function summarise<K extends string>({ rounds, leadIns }: Alternated<K>, keys: K[], app: K, bare: K): Measured<K> {
  const medians = Object.fromEntries(keys.map((k) => [k, mediansOf(rounds.map((x) => x[k]))])) as Record<K, Medians>;
  const leadInP99 = leadIns.length === 0 ? null : (Object.fromEntries(keys.map((k) => [k, round(median(leadIns.map((x) => x[k].p99)), 2)])) as Record<K, number>);
  return {
    rounds,
    medians,
    leadInP99,
    ratio: round(median(rounds.map((x) => x[app].rps / x[bare].rps)), 3),
    ratioOfMedians: round(medians[app].rps / medians[bare].rps, 3),
  };
}

interface EngineResult {
  engine: Engine;
  poolSize: number;
  prepared: Prepared;
  list:
    | (Measured<ListKey> & {
        goalMet: boolean | null;
        /** app over the named page + count (the goal's baseline on PostgreSQL), per-round median. */
        namedRatio: number | null;
        /** app over its own statement run bare and named (what the app adds to its SQL). */
        appSqlRatio: number | null;
        /** app over the minimal bare endpoint (the page query alone), per-round median. */
        pageOnlyRatio: number;
        appOneConnection: { rps: number; p50: number; p99: number };
      })
    | null;
  /** The console queue against its bare twin (PostgreSQL). */
  /** `exactRatio`: the app over the named page with an exact count (the minimal page + count before the cap). */
  consoleQueue: (Measured<ConsoleKey> & { namedRatio: number; exactRatio: number; goalMet: boolean }) | null;
  create:
    | (Measured<CreateKey> & {
        goalMet: boolean;
        /** The app's statement run bare over the bare insert, and the app over its own statement run bare (per-round medians). */
        variantRatios: { bareAppSql: number; appVsBareAppSql: number };
        sequenceNumberedTickets: number;
        outboxRows: number;
        /** Outbox rows still pending when the rounds ended, and the seconds the worker then took to finish them (null: not within the wait). */
        pendingAfterRounds: number;
        drainS: number | null;
      })
    | null;
  rssAfterMiB: { app: number; bare: number };
  /** The app's RSS right after the list rounds and its peak (VmHWM) since start; after start (1 s after the first /healthz 200). */
  rssListMiB: { rss: number; peak: number } | null;
  rssStartMiB: number;
}

async function benchEngine(engine: Engine, cmd: ServerCommand): Promise<EngineResult> {
  console.log(
    `\n[${engine}] ${TICKETS[engine].toLocaleString('en')} tickets; pool ${POOL_SIZE[engine]}, ${CONNECTIONS} connections, ` +
      `${ROUNDS} rounds × ${DURATION_S} s (list)${engine === 'postgres' ? ` and × ${CREATE_DURATION_S} s (create)` : ''} per variant (warm-up ${WARMUP_S} s; a ${LEAD_IN_S} s lead-in before each round, reported apart)`,
  );
  const dirs: string[] = [];
  const children: Child[] = [];
  const closers: (() => Promise<void>)[] = [];
  try {
    let appTarget: Record<string, string>;
    let bareTarget: Record<string, string>;
    let prepared: Prepared;
    if (engine === 'postgres') {
      const url = await recreateDatabase(PG_DB);
      prepared = await prepare(engine, { databaseUrl: url });
      appTarget = { DATABASE_URL: url };
      bareTarget = { BARE_DATABASE_URL: url };
    } else {
      const dir = tempDir('tickets-app');
      dirs.push(dir);
      prepared = await prepare(engine, { dataDir: dir });
      // The embedded database allows one process per data dir: the bare server gets a copy.
      const copy = tempDir('tickets-bare');
      dirs.push(copy);
      fs.cpSync(dir, copy, { recursive: true });
      appTarget = { PORTA_DATA_DIR: dir };
      bareTarget = { BARE_DATA_DIR: copy };
    }

    const appPort = await freePort();
    const t0 = performance.now();
    // BENCH_PROFILE=1: a V8 CPU profile of the app (written when it stops); read it with
    // `npx tsx bench/profile-summary.ts bench/results/profiles/<file>.cpuprofile`.
    const profileDir = path.join(ROOT, 'bench/results/profiles');
    const profile = env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=tickets-${engine}-${Date.now()}.cpuprofile`] : [];
    const app = startNode(`tickets-${engine}-app`, [...profile, ...cmd.args], {
      ...appTarget,
      PORT: String(appPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PORTA_SECRET_KEY: BENCH_SECRET_KEY,
      PORTA_DB_POOL_SIZE: String(POOL_SIZE[engine]),
      PORTA_ATTACHMENTS_DIR: tempDir(`tickets-${engine}-files`),
      // As installs run it (the default, said explicitly): the outbox worker in the same process.
      PORTA_MAIL_WORKER: 'true',
    });
    children.push(app);
    await waitFor200(`http://127.0.0.1:${appPort}/healthz`, app, t0);
    await sleep(1000);
    const rssStartMiB = memoryOf(app.pid).rssMiB;
    console.log(`  app RSS 1 s after start: ${rssStartMiB} MiB`);
    const appBase = `http://127.0.0.1:${appPort}`;
    const { cookie, csrfToken } = await loginContact(appBase, prepared.seed.username);

    const spec: BareTicketsSpec = {
      list: prepared.listQueries.parts,
      appList: prepared.listQueries.app,
      ...(prepared.consoleQueries && { consoleList: prepared.consoleQueries.parts, consoleExactList: prepared.consoleQueries.exactParts }),
      totalCap: TOTAL_COUNTED_PAST_PAGE,
      ...(prepared.write && { write: prepared.write, notifyChannel: NOTIFY_CHANNEL }),
    };
    const startBare = async (name: string): Promise<{ child: Child; base: string }> => {
      const port = await freePort();
      const t1 = performance.now();
      const child = startNode(`tickets-${engine}-${name}`, ['--import', 'tsx', path.join(ROOT, 'bench/tickets-bare-server.ts')], {
        ...bareTarget,
        BARE_PORT: String(port),
        BARE_POOL_SIZE: String(POOL_SIZE[engine]),
        BARE_SPEC: JSON.stringify(spec),
      });
      children.push(child);
      const base = `http://127.0.0.1:${port}`;
      await waitFor200(`${base}/bare/tickets`, child, t1);
      return { child, base };
    };
    const { child: bare, base: bareBase } = await startBare('bare');
    // The goal's baseline (named page + count, PostgreSQL) in a process of its own: between its
    // rounds it then idles while the other variants run, as the app's process does, so the
    // lead-ins compare the two after the same lull (the other bare variants share one process).
    const goal = engine === 'postgres' ? await startBare('bare-goal') : { child: bare, base: bareBase };

    // Same rows, same order, same total: the baseline answers what the app answers.
    const appHeaders = { cookie };
    const a = asList(await getJson(`${appBase}${LIST_PATH}`, appHeaders), 'app list');
    const b = asList(await getJson(`${bareBase}/bare/tickets`), 'bare list');
    const s = asList(await getJson(`${goal.base}/bare/tickets+named`), 'bare list, named statements');
    if (a.items.length !== 25 || a.total !== prepared.expectedListTotal) throw new Error(`app list: ${a.items.length} items, total ${a.total}, expected 25 of ${prepared.expectedListTotal}`);
    const ids = (l: { items: { id: string }[] }) => l.items.map((x) => x.id).join();
    const twins = [b, s, ...(engine === 'postgres' ? [asList(await getJson(`${bareBase}/bare/tickets+app-sql`), "bare list, the app's statement")] : [])];
    if (twins.some((x) => ids(x) !== ids(a) || x.total !== a.total)) {
      throw new Error('a bare endpoint does not answer the same page as the app');
    }
    if ((await getJson(`${appBase}${LIST_PATH}`)).status !== 401) throw new Error('the app answered the list without a session');
    console.log(`  checked: app and bare answer the same 25 ids and total ${a.total}`);

    const meter = engine === 'postgres' ? await BackendMeter.open(PG_DB) : null;
    if (engine === 'postgres') {
      // The traced creations of the preparation queued notifications: let the app's worker finish them, so the list is not measured against its own backlog.
      const drained = await waitForOutbox(prepared.tenantId, 120_000);
      console.log(drained === null ? '  outbox: the app worker still had notifications pending after 120 s' : `  outbox: the app worker finished the preparation's notifications in ${drained} s`);
    }
    if (meter) closers.push(() => meter.close());

    let list: EngineResult['list'] = null;
    if (engine === 'pglite' || PARTS.has('list')) {
      const listVariants: Variant<ListKey>[] = [
        { key: 'app', url: `${appBase}${LIST_PATH}`, headers: appHeaders, child: app },
        { key: 'bare', url: `${bareBase}/bare/tickets`, headers: {}, child: bare },
        { key: 'barePage', url: `${bareBase}/bare/tickets+page`, headers: {}, child: bare },
      ];
      // The named-statements diagnostic on PostgreSQL only (on PGlite the run stays short).
      if (engine === 'postgres') {
        listVariants.push({ key: 'bareNamed', url: `${goal.base}/bare/tickets+named`, headers: {}, child: goal.child });
        listVariants.push({ key: 'bareAppSql', url: `${bareBase}/bare/tickets+app-sql`, headers: {}, child: bare });
      }
      const listRun = await alternate<ListKey>('list', listVariants, DURATION_S, WARMUP_S, meter);
      const listRounds = listRun.rounds;
      const listMeasured = summarise(
        listRun,
        listVariants.map((v) => v.key),
        'app',
        'bare',
      );
      // Latency without queueing: one connection, the app alone.
      const single = await shoot({ url: `${appBase}${LIST_PATH}`, headers: appHeaders, durationS: 4, connections: 1, pid: app.pid, meter });
      list = {
        ...listMeasured,
        appOneConnection: { rps: single.rps, p50: single.p50, p99: single.p99 },
        namedRatio: engine === 'postgres' ? round(median(listRounds.map((x) => x.app.rps / x.bareNamed.rps)), 3) : null,
        appSqlRatio: engine === 'postgres' ? round(median(listRounds.map((x) => x.app.rps / x.bareAppSql.rps)), 3) : null,
        pageOnlyRatio: round(median(listRounds.map((x) => x.app.rps / x.barePage.rps)), 3),
        // Judged against the named page + count: the app sends named statements, and the plain bare endpoints pay PostgreSQL's planning on every call.
        goalMet: engine === 'postgres' ? median(listRounds.map((x) => x.app.rps / x.bareNamed.rps)) >= LIST_GOAL.ratio && listMeasured.medians.app.p99 < LIST_GOAL.p99Ms : null,
      };
    }

    const rssList = list ? memoryOf(app.pid) : null;
    const rssListMiB = rssList ? { rss: rssList.rssMiB, peak: rssList.peakMiB } : null;

    let consoleQueue: EngineResult['consoleQueue'] = null;
    if (engine === 'postgres' && PARTS.has('list') && prepared.consoleQueries) {
      const techCookie = await loginTechnician(appBase);
      const ca = asList(await getJson(`${appBase}${CONSOLE_PATH}`, { cookie: techCookie }), 'app console queue');
      let exactTotal = 0;
      const consoleTwins: [base: string, path: string][] = [
        [bareBase, '/bare/console-tickets'],
        [goal.base, '/bare/console-tickets+named'],
        [bareBase, '/bare/console-tickets+exact-named'],
      ];
      for (const [base, path] of consoleTwins) {
        const cb = asList(await getJson(`${base}${path}`), `bare console queue ${path}`);
        const exact = path.endsWith('+exact-named');
        if (exact) exactTotal = cb.total;
        // The exact count may pass the app's capped total, never fall short of it.
        const totalOk = exact ? cb.total >= ca.total : ca.total === cb.total;
        if (ca.items.length !== 25 || ca.items.map((x) => x.id).join() !== cb.items.map((x) => x.id).join() || !totalOk) {
          throw new Error(`the bare console queue ${path} does not answer the app's page (app ${ca.items.length} items of ${ca.total}, bare ${cb.items.length} of ${cb.total})`);
        }
      }
      console.log(`  checked: app and bare console queue answer the same 25 ids and total ${ca.total} (counted to ${TOTAL_COUNTED_PAST_PAGE}; exactly ${exactTotal})`);
      const consoleRun = await alternate<ConsoleKey>(
        'console',
        [
          { key: 'app', url: `${appBase}${CONSOLE_PATH}`, headers: { cookie: techCookie }, child: app },
          { key: 'bare', url: `${bareBase}/bare/console-tickets`, headers: {}, child: bare },
          { key: 'bareNamed', url: `${goal.base}/bare/console-tickets+named`, headers: {}, child: goal.child },
          { key: 'bareExactNamed', url: `${bareBase}/bare/console-tickets+exact-named`, headers: {}, child: bare },
        ],
        DURATION_S,
        Math.min(WARMUP_S, 1),
        meter,
      );
      const consoleRounds = consoleRun.rounds;
      const m = summarise(consoleRun, ['app', 'bare', 'bareNamed', 'bareExactNamed'], 'app', 'bare');
      const namedRatio = round(median(consoleRounds.map((x) => x.app.rps / x.bareNamed.rps)), 3);
      const exactRatio = round(median(consoleRounds.map((x) => x.app.rps / x.bareExactNamed.rps)), 3);
      consoleQueue = { ...m, namedRatio, exactRatio, goalMet: namedRatio >= LIST_GOAL.ratio && m.medians.app.p99 < LIST_GOAL.p99Ms };
    }

    let create: EngineResult['create'] = null;
    if (engine === 'postgres' && prepared.write && PARTS.has('create')) {
      const body = JSON.stringify(NEW_TICKET);
      const postHeaders = { ...appHeaders, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
      const created = await postJson(`${appBase}${CREATE_PATH}`, { ...appHeaders, 'x-csrf-token': csrfToken }, NEW_TICKET);
      const createdBody = created.body as { number?: number; subject?: string; status?: { key?: string } } | null;
      if (created.status !== 201 || createdBody?.subject !== NEW_TICKET.subject || createdBody.status?.key !== 'open') {
        throw new Error(`app create answered ${created.status}: ${JSON.stringify(created.body).slice(0, 300)}`);
      }
      if (createdBody.number !== prepared.expectedNextNumber) throw new Error(`app create numbered the ticket ${createdBody.number}, expected ${prepared.expectedNextNumber}`);
      if ((await postJson(`${appBase}${CREATE_PATH}`, appHeaders, NEW_TICKET)).status !== 403) throw new Error('the app accepted a creation without the CSRF header');
      for (const p of Object.values(CREATE_PATHS)) {
        const r = await postJson(`${bareBase}${p}`, {}, NEW_TICKET);
        if (r.status !== 201 || typeof (r.body as { id?: unknown } | null)?.id !== 'string') throw new Error(`bare ${p} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      }
      const countsBefore = await countCreated(prepared.tenantId);
      const createRun = await alternate<CreateKey>(
        'create',
        [
          { key: 'app', url: `${appBase}${CREATE_PATH}`, headers: postHeaders, child: app, method: 'POST', body },
          ...(Object.entries(CREATE_PATHS) as [Exclude<CreateKey, 'app'>, string][]).map(([key, p]) => ({
            key,
            url: `${bareBase}${p}`,
            headers: { 'content-type': 'application/json' },
            child: bare,
            method: 'POST' as const,
            body,
          })),
        ],
        CREATE_DURATION_S,
        Math.min(WARMUP_S, 1),
        meter,
      );
      const countsAfter = await countCreated(prepared.tenantId);
      const drain = await waitForOutbox(prepared.tenantId, 120_000);
      const createRounds = createRun.rounds;
      const m = summarise(createRun, Object.keys(CREATE_VARIANTS) as CreateKey[], 'app', 'bare');
      const vsBare = (k: CreateKey) => round(median(createRounds.map((x) => x[k].rps / x.bare.rps)), 3);
      create = {
        ...m,
        variantRatios: { bareAppSql: vsBare('bareAppSql'), appVsBareAppSql: round(median(createRounds.map((x) => x.app.rps / x.bareAppSql.rps)), 3) },
        goalMet: m.ratio >= CREATE_GOAL,
        sequenceNumberedTickets: countsAfter.tickets - countsBefore.tickets,
        outboxRows: countsAfter.outbox - countsBefore.outbox,
        pendingAfterRounds: countsAfter.pending,
        drainS: drain,
      };
    }
    const rssAfterMiB = { app: memoryOf(app.pid).rssMiB, bare: memoryOf(bare.pid).rssMiB };
    return { engine, poolSize: POOL_SIZE[engine], prepared, list, consoleQueue, create, rssAfterMiB, rssListMiB, rssStartMiB };
  } catch (err) {
    for (const c of children) process.stderr.write(`--- ${path.basename(c.logFile)}\n${c.tail(15)}\n`);
    throw err;
  } finally {
    for (const close of closers) await close();
    for (const c of children) await c.stop();
    for (const d of dirs) removeDir(d);
    // BENCH_KEEP_DB=1: leave the seeded database for profiling by hand (the next run recreates it).
    if (engine === 'postgres' && env.BENCH_KEEP_DB !== '1') await dropDatabase(PG_DB);
  }
}

/** Tickets numbered by the tenant's sequence (the app's and the +app-sql diagnostic's) and outbox rows, for a sanity check. */
async function countCreated(tenantId: string): Promise<{ tickets: number; outbox: number; pending: number }> {
  const client = new pg.Client({ connectionString: databaseUrl(PG_DB), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const r = await client.query<{ tickets: number; outbox: number; pending: number }>(
      `select (select count(*) from tickets where tenant_id = $1 and number < ${BARE_NUMBER_START})::int as tickets,
              (select count(*) from outbox where tenant_id = $1)::int as outbox,
              (select count(*) from outbox where tenant_id = $1 and status = 'pending')::int as pending`,
      [tenantId],
    );
    return r.rows[0] ?? { tickets: 0, outbox: 0, pending: 0 };
  } finally {
    await client.end();
  }
}

/** Seconds until the worker has no pending outbox row left for the tenant (null: still some after `timeoutMs`). */
async function waitForOutbox(tenantId: string, timeoutMs: number): Promise<number | null> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if ((await countCreated(tenantId)).pending === 0) return round((performance.now() - t0) / 1000, 1);
    await sleep(250);
  }
  return null;
}

// ---------------------------------------------------------------- report

function cpuTable<K extends string>(engine: Engine, names: Record<K, string>, medians: Record<K, Medians>): string {
  return table(
    ['variant', 'server process', 'of which kernel', engine === 'postgres' ? 'postgres backends' : 'database (in server)', 'load generator', 'total', 'cores used', 'event loop busy', 'its run-queue wait'],
    (Object.keys(names) as K[]).filter((k) => medians[k]).map((k) => {
      const m = medians[k];
      const total = m.cpuUsPerReq + (m.dbCpuUsPerReq ?? 0) + m.loadGenUsPerReq;
      return [names[k], m.cpuUsPerReq, m.sysUsPerReq, m.dbCpuUsPerReq ?? '-', m.loadGenUsPerReq, total, round((total * m.rps) / 1e6, 2), m.mainThreadBusy, m.mainWaitUsPerReq];
    }),
  );
}

function loadTable<K extends string>(names: Record<K, string>, m: Measured<K>): string {
  return table(
    ['variant', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'p99 per round', `lead-in p99 ms (first ${LEAD_IN_S} s after idling)`, 'req/s per round'],
    (Object.keys(names) as K[])
      .filter((k) => m.medians[k])
      .map((k) => [
        names[k],
        m.medians[k].rps,
        m.medians[k].p50,
        m.medians[k].p90,
        m.medians[k].p99,
        m.rounds.map((x) => x[k].p99).join(', '),
        m.leadInP99?.[k] ?? '-',
        m.rounds.map((x) => x[k].rps).join(', '),
      ]),
  );
}

/** The app's and a baseline's p99 in their lead-ins (the first seconds back after idling), beside the timed rounds' figures. */
function leadInText<K extends string>(m: Measured<K>, app: K, baseline: K): string {
  const l = m.leadInP99;
  return l ? `; first ${LEAD_IN_S} s after idling (the lead-ins, not in the rounds): ${app} p99 ${l[app]} ms, ${baseline} p99 ${l[baseline]} ms` : '';
}

function listGoalText(r: EngineResult): string {
  if (!r.list || r.list.goalMet === null) return '(no goal on PGlite)';
  return `goal ≥ ${LIST_GOAL.ratio} with p99 < ${LIST_GOAL.p99Ms} ms: ${r.list.goalMet ? 'met' : 'NOT met'}`;
}

function report(r: EngineResult): void {
  const p = r.prepared;
  console.log(
    `\n[${r.engine}] GET ${LIST_PATH}\n(${p.seed.counts.tickets.toLocaleString('en')} tickets, target customer ${p.seed.counts.targetTickets.toLocaleString('en')} of which ${p.seed.counts.targetOpen} open; ` +
      `pool ${r.poolSize}; ${CONNECTIONS} connections; medians of ${ROUNDS} alternated rounds of ${DURATION_S} s)`,
  );
  if (r.list) {
    console.log(loadTable(LIST_VARIANTS, r.list));
    console.log(`CPU per request, µs (${machine().cpus} cores: req/s ≈ cores × 1e6 / total when saturated):`);
    console.log(cpuTable(r.engine, LIST_VARIANTS, r.list.medians));
    console.log(
      `app/bare (page + count) = ${r.list.ratio} (per-round median; ratio of medians ${r.list.ratioOfMedians}); app/bare (page alone) = ${r.list.pageOnlyRatio}; app p99 ${r.list.medians.app.p99} ms ${listGoalText(r)}` +
        (r.list.namedRatio === null ? '' : `; app/bare named page + count (the goal's baseline) = ${r.list.namedRatio}; app/its own statement run bare = ${r.list.appSqlRatio}`),
    );
    const one = r.list.appOneConnection;
    console.log(`app at 1 connection (no queueing): ${one.rps} req/s, p50 ${one.p50} ms, p99 ${one.p99} ms`);
    // Closed-loop load: each connection waits for its answer, so mean latency = connections / throughput.
    console.log(`(at ${CONNECTIONS} connections the mean latency is ${CONNECTIONS} / req/s: p99 < ${LIST_GOAL.p99Ms} ms needs well over ${round((CONNECTIONS * 1000) / LIST_GOAL.p99Ms)} req/s)`);
  } else {
    console.log('(list not measured: BENCH_PARTS)');
  }
  if (r.rssListMiB) {
    console.log(`app RSS: ${r.rssStartMiB} MiB 1 s after start; ${r.rssListMiB.rss} MiB after the list rounds, peak ${r.rssListMiB.peak} MiB` + (r.engine === 'postgres' ? ` (goal < ${RSS_GOAL_MIB} MiB: ${r.rssListMiB.peak < RSS_GOAL_MIB ? 'met' : 'NOT met'})` : ''));
  }
  const cq = r.consoleQueue;
  if (cq) {
    console.log(`\n[${r.engine}] GET ${CONSOLE_PATH} (technician; the whole tenant)`);
    console.log(loadTable(CONSOLE_VARIANTS, cq));
    console.log(cpuTable(r.engine, CONSOLE_VARIANTS, cq.medians));
    console.log(`app/bare named page + count (the goal's baseline) = ${cq.namedRatio}; app/bare plain = ${cq.ratio}; app/bare named page + exact count = ${cq.exactRatio}; app p99 ${cq.medians.app.p99} ms (goal ≥ ${LIST_GOAL.ratio} with p99 < ${LIST_GOAL.p99Ms} ms: ${cq.goalMet ? 'met' : 'NOT met'})`);
    console.log(`console app/bare = ${cq.ratio}, app p99 ${cq.medians.app.p99} ms: goal ≥ ${LIST_GOAL.ratio} with p99 < ${LIST_GOAL.p99Ms} ms ${cq.goalMet ? 'met' : 'NOT met'}`);
  }
  console.log('EXPLAIN (ANALYZE, BUFFERS), key lines:');
  for (const e of p.explain) {
    console.log(`  ${e.query}:`);
    for (const l of e.keyLines) console.log(`    ${l}`);
  }
  console.log('SQL cost (medians):');
  console.log(table(['query', 'execution ms', 'planning ms', 'round trip ms'], p.sqlCost.map((c) => [c.query, c.executionMs, c.planningMs, c.roundTripMs])));
  if (p.statementCpu.length > 0) {
    console.log(`PostgreSQL CPU per run, one backend, each statement named as the app sends it (plan kept; lowest of ${STATEMENT_CPU.passes} passes of ${STATEMENT_CPU.runs.toLocaleString('en')} runs):`);
    console.log(table(['statement', 'backend CPU µs'], p.statementCpu.map((c) => [c.query, c.backendCpuUs])));
  }
  const c = p.appCpu;
  console.log(
    `app CPU per list request, in-process: query building (the page with its total) ${c.listBuildUs} µs, querystring validation ${c.queryValidationUs} µs, ` +
      `the answer's text around PostgreSQL's items ${c.pageTextUs} µs (${c.responseBytes} bytes); ` +
      `for comparison, the same page as rows: presenter ${c.rowsPresentUs} µs, JSON.stringify ${c.rowsStringifyUs} µs, the zod serializer ${c.rowsZodSerialiseUs} µs`,
  );
  if (r.create) {
    const v = r.create.variantRatios;
    console.log(`\n[${r.engine}] POST ${CREATE_PATH} (${CONNECTIONS} connections; medians of ${ROUNDS} alternated rounds of ${CREATE_DURATION_S} s)`);
    console.log(loadTable(CREATE_VARIANTS, r.create));
    console.log('CPU per request, µs:');
    console.log(cpuTable(r.engine, CREATE_VARIANTS, r.create.medians));
    console.log(
      `app/bare = ${r.create.ratio} (per-round median; ratio of medians ${r.create.ratioOfMedians}) goal ≥ ${CREATE_GOAL}: ${r.create.goalMet ? 'met' : 'NOT met'}\n` +
        `the app's statement run bare: ${v.bareAppSql} of the bare insert; the app over its own statement run bare: ${v.appVsBareAppSql}\n` +
        `(the app and the +app-sql diagnostic created ${r.create.sequenceNumberedTickets} sequence-numbered tickets and ${r.create.outboxRows} outbox rows during the rounds)\n` +
        `mail worker: ${r.create.pendingAfterRounds} outbox rows pending when the rounds ended; ` +
        (r.create.drainS === null ? 'still some pending after 120 s' : `all done ${r.create.drainS} s later`),
    );
  }
  const t = p.createTrace;
  if (t) {
    console.log(
      `one creation at a time, in-process through createForContact (which answers the detail): ${t.medianWallMs} ms, ${t.queriesPerCreate} queries + ${t.notifyPerCreate} NOTIFY:`,
    );
    console.log(table(['query', 'per create', 'median ms'], t.lines.map((l) => [l.query, l.perCreate, l.medianMs])));
  }
  console.log(`RSS after load: app ${r.rssAfterMiB.app} MiB, bare ${r.rssAfterMiB.bare} MiB`);
}

async function main(): Promise<void> {
  assertWrk();
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const cmd = serverCommand();
  console.log(`tickets: server ${cmd.note}`);
  const results: EngineResult[] = [];
  const skipped: { engine: Engine; reason: string }[] = [];
  for (const engine of ENGINES) {
    if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`unknown engine ${engine}`);
    if (engine === 'postgres') {
      const why = await postgresUnavailable();
      if (why) {
        console.log(`\n[postgres] skipped: ${why}`);
        skipped.push({ engine, reason: why });
        continue;
      }
    }
    results.push(await benchEngine(engine, cmd));
  }
  console.log(`\n${'='.repeat(30)} tickets results`);
  for (const r of results) report(r);
  console.log(`\nserver: ${cmd.note}; ${round((performance.now() - t0) / 1000)} s in all`);

  const summary: string[] = [];
  for (const r of results) {
    const l = r.list;
    if (l) {
      summary.push(
        `tickets list ${r.engine} (${r.prepared.seed.counts.tickets.toLocaleString('en')} tickets, ${CONNECTIONS} conn.): app ${l.medians.app.rps} req/s (p99 ${l.medians.app.p99} ms) ` +
          (l.namedRatio === null ? '' : `vs bare named page + count ${l.medians.bareNamed.rps} req/s (p99 ${l.medians.bareNamed.p99} ms) → ratio ${l.namedRatio}; `) +
          `vs bare plain page + count ${l.medians.bare.rps} req/s (p99 ${l.medians.bare.p99} ms) → ratio ${l.ratio}; vs the plain page alone ${l.medians.barePage.rps} req/s → ${l.pageOnlyRatio}` +
          (l.goalMet === null ? '' : ` (goal ≥ ${LIST_GOAL.ratio} and p99 < ${LIST_GOAL.p99Ms} ms: ${l.goalMet ? 'met' : 'NOT met'})`) +
          leadInText(l, 'app', l.namedRatio === null ? 'bare' : 'bareNamed') +
          `; app at 1 connection p99 ${l.appOneConnection.p99} ms`,
      );
    }
    const cq = r.consoleQueue;
    if (cq) {
      summary.push(
        `tickets console queue ${r.engine}: app ${cq.medians.app.rps} req/s (p99 ${cq.medians.app.p99} ms) vs bare named page + count ${cq.medians.bareNamed.rps} req/s → ratio ${cq.namedRatio}; vs named page + exact count ${cq.medians.bareExactNamed.rps} req/s → ${cq.exactRatio}; vs plain ${cq.medians.bare.rps} req/s → ${cq.ratio} (goal ≥ ${LIST_GOAL.ratio} of the named and p99 < ${LIST_GOAL.p99Ms} ms: ${cq.goalMet ? 'met' : 'NOT met'})` +
          leadInText(cq, 'app', 'bareNamed'),
      );
    }
    if (r.rssListMiB) summary.push(`tickets ${r.engine} app RSS: ${r.rssStartMiB} MiB after start, peak ${r.rssListMiB.peak} MiB under the list load`);
    const c = r.create;
    if (c) {
      summary.push(
        `tickets create ${r.engine}: app ${c.medians.app.rps} req/s (p99 ${c.medians.app.p99} ms) vs bare insert ${c.medians.bare.rps} req/s (p99 ${c.medians.bare.p99} ms) → ratio ${c.ratio} ` +
          `(goal ≥ ${CREATE_GOAL}: ${c.goalMet ? 'met' : 'NOT met'}); the app's statement run bare ${c.variantRatios.bareAppSql} of the bare insert`,
      );
    }
    for (const e of r.prepared.explain) {
      const scan = e.keyLines.find((k) => /on tickets/.test(k));
      if (scan) summary.push(`tickets ${r.engine} ${e.query}: ${scan.replace(/\s*\(actual.*$/, '')}; ${e.keyLines.find((k) => /^Execution Time/.test(k)) ?? ''}`);
    }
  }
  for (const s of skipped) summary.push(`tickets ${s.engine}: skipped (${s.reason})`);
  const pgResult = results.find((r) => r.engine === 'postgres');
  const goalsMet = pgResult
    ? pgResult.list?.goalMet === true && pgResult.consoleQueue?.goalMet === true && pgResult.create?.goalMet === true && (pgResult.rssListMiB?.peak ?? Infinity) < RSS_GOAL_MIB
    : false;
  const file = writeResult({
    name: 'tickets',
    startedAt,
    machine: machine(),
    summary,
    goalsMet,
    data: {
      server: cmd,
      connections: CONNECTIONS,
      durationS: DURATION_S,
      createDurationS: CREATE_DURATION_S,
      rounds: ROUNDS,
      warmupS: WARMUP_S,
      leadInS: LEAD_IN_S,
      parts: [...PARTS],
      listPath: LIST_PATH,
      consolePath: CONSOLE_PATH,
      loadGenerator: 'wrk',
      createPath: CREATE_PATH,
      goals: { list: LIST_GOAL, create: CREATE_GOAL, rssMiB: RSS_GOAL_MIB },
      results,
      skipped,
    },
  });
  console.log(`wrote ${file}`);
}

// bench/run.mjs stops a bench after BENCH_TIMEOUT_MIN (10); this one gives up just before, whatever that is.
runMain(main, (Number(env.BENCH_TIMEOUT_MIN ?? 10) - 0.5) * 60_000);
