/**
 * Ticket search (#9 item 8): the ticket list with and without `q` on the real server, in the
 * same run, variants alternated round by round (A B C …, then reversed), medians; every `q`
 * figure is a ratio against the list without `q` of the same area (portal or console).
 *
 * Corpus: bench/lib/tickets-seed.ts (the tickets bench's seed, its search words filled as the
 * app's trigger writes them) at a smaller size so it seeds in a minute: by default 200,000
 * tickets over 500 customers in one tenant on PostgreSQL, 20,000 on PGlite; the target customer
 * has 10,000 (2,000 on PGlite). Every description says "Since this morning <a word of its own>
 * is not working…", so "morning" matches every ticket (the worst case: a word in all of them),
 * a subject word ("printer") one ticket in 16, and the ticket's own word exactly one.
 *
 * Portal: the target customer's primary contact, `scope=company&status=open` (as the tickets
 * bench). Console: a technician's queue, newest first, no filter.
 *
 * Env: BENCH_ENGINES=postgres,pglite  BENCH_SEARCH_TICKETS=200000  BENCH_SEARCH_PGLITE_TICKETS=20000
 *      BENCH_DURATION=5  BENCH_ROUNDS=3  BENCH_WARMUP=2  BENCH_CONNECTIONS=20
 */
import { loadConfig } from '../apps/server/src/config.ts';
import { createTenantWithAdmin } from '../apps/server/src/features/tenants/tenants.service.ts';
import { listTickets } from '../apps/server/src/features/tickets/tickets.repo.ts';
import { boot } from '../apps/server/src/platform/boot.ts';
import { hashPassword } from '../apps/server/src/platform/crypto/passwords.ts';
import { capture } from './lib/app-sql.ts';
import { BENCH_SECRET_KEY, type Child, freePort, machine, median, removeDir, round, runMain, serverCommand, startNode, table, tempDir, waitFor200, writeResult } from './lib/common.ts';
import { type SqlCost, timeSql } from './lib/load.ts';
import { dropDatabase, postgresUnavailable, recreateDatabase } from './lib/postgres.ts';
import { seedTickets } from './lib/tickets-seed.ts';
import { closedLoop, type LoadShot } from './kb-search/load.ts';

type Engine = 'postgres' | 'pglite';
const env = process.env;
const ENGINES = (env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()) as Engine[];
const TICKETS: Record<Engine, number> = { postgres: Number(env.BENCH_SEARCH_TICKETS ?? 200_000), pglite: Number(env.BENCH_SEARCH_PGLITE_TICKETS ?? 20_000) };
const TARGET: Record<Engine, number> = { postgres: 10_000, pglite: 2_000 };
const POOL_SIZE: Record<Engine, number> = { postgres: 10, pglite: 4 };
const DURATION_S = Number(env.BENCH_DURATION ?? 5);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 20);
const PG_DB = 'porta_bench_ticket_search';
const PASSWORD = 'bench-password-123';
const ADMIN = { name: 'Bench Admin', email: 'admin@bench.example', password: PASSWORD };

interface Variant {
  key: string;
  area: 'portal' | 'console';
  label: string;
  path: string;
  /** The `q` of the variant (none for the baselines). */
  q?: string;
}

function variants(rareWord: string): Variant[] {
  const portal = '/api/v1/portal/tickets?scope=company&status=open&page=1&pageSize=25';
  const console = '/api/v1/tickets?page=1&pageSize=25';
  const v = (area: Variant['area'], key: string, label: string, q?: string): Variant => ({
    key,
    area,
    label,
    path: q === undefined ? (area === 'portal' ? portal : console) : `${area === 'portal' ? portal : console}&q=${encodeURIComponent(q)}`,
    ...(q !== undefined && { q }),
  });
  return [
    v('portal', 'portal', 'portal list, no q (baseline)'),
    v('portal', 'portal-subject', 'portal q=printer (subject word, 1 in 16)', 'printer'),
    v('portal', 'portal-common', 'portal q=morning (in every ticket)', 'morning'),
    v('portal', 'portal-rare', 'portal q=<one ticket\'s word>', rareWord),
    v('console', 'console', 'console queue, no q (baseline)'),
    v('console', 'console-subject', 'console q=printer', 'printer'),
    v('console', 'console-common', 'console q=morning', 'morning'),
    v('console', 'console-rare', 'console q=<one ticket\'s word>', rareWord),
  ];
}

interface Prepared {
  rareWord: string;
  username: string;
  technicianEmail: string;
  seedMs: number;
  tableMiB: number;
  indexesMiB: number;
  sql: SqlCost[];
}

async function prepare(engine: Engine, target: { DATABASE_URL: string } | { PORTA_DATA_DIR: string }): Promise<Prepared> {
  const config = loadConfig({ ...target, PORTA_SECRET_KEY: BENCH_SECRET_KEY, PORTA_DB_POOL_SIZE: String(POOL_SIZE[engine]), LOG_LEVEL: 'warn' });
  const { ctx, handle } = await boot(config);
  try {
    const { tenant } = await createTenantWithAdmin(ctx, { slug: 'bench', name: 'Bench MSP', admin: ADMIN });
    const seed = await seedTickets(ctx.db, {
      tenantId: tenant.id,
      tickets: TICKETS[engine],
      customers: 500,
      targetTickets: TARGET[engine],
      technicians: 5,
      contactsPerCustomer: 5,
      passwordHash: await hashPassword(PASSWORD),
    });
    console.log(`  seeded ${seed.counts.tickets.toLocaleString('en')} tickets in ${round(seed.ms.total / 1000, 1)} s; table ${seed.tableMiB} MiB, indexes ${seed.indexesMiB} MiB`);
    // A word of one open ticket of the target customer (the seed's md5 word in its description).
    const rare = await handle.pool.query<{ word: string }>(
      `select substring(t.description from '\\*\\*([0-9a-f]+)\\*\\*') as word from tickets t join ticket_statuses s on s.id = t.status_id
       where t.customer_id = $1 and s.key = 'open' order by t.created_at desc limit 1`,
      [seed.customerId],
    );
    const rareWord = rare.rows[0]?.word;
    if (!rareWord) throw new Error('no open ticket for the rare word');
    // The SQL of each portal variant as the repo builds it, timed on the server (EXPLAIN ANALYZE).
    const sql: SqlCost[] = [];
    for (const q of [undefined, 'printer', 'morning', rareWord]) {
      const queries = await capture((db) => listTickets(db, tenant.id, { customerId: seed.customerId, statusKeys: ['open'], q, page: 1, pageSize: 25 }));
      for (const c of queries) sql.push(await timeSql(handle.pool, c, `portal ${q === undefined ? 'no q' : `q=${q === rareWord ? '<rare>' : q}`}: ${/ limit /i.test(c.sql) ? 'page' : 'count'}`, 10));
    }
    const tech = await handle.pool.query<{ email: string }>(`select email from technicians where tenant_id = $1 and not is_admin order by email limit 1`, [tenant.id]);
    return { rareWord, username: seed.username, technicianEmail: tech.rows[0]?.email ?? '', seedMs: seed.ms.total, tableMiB: seed.tableMiB, indexesMiB: seed.indexesMiB, sql };
  } finally {
    await handle.close();
  }
}

async function cookieOf(base: string, path: string, body: object): Promise<string> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
}

interface EngineResult {
  engine: Engine;
  tickets: number;
  prepared: Prepared;
  medians: Record<string, LoadShot>;
  /** Per-round median of (variant req/s ÷ its area's no-q req/s), and the same for p95. */
  ratios: Record<string, { rps: number; p95: number }>;
  totals: Record<string, number>;
}

async function benchEngine(engine: Engine): Promise<EngineResult> {
  console.log(`\n[${engine}] ${TICKETS[engine].toLocaleString('en')} tickets; ${CONNECTIONS} connections, ${ROUNDS} rounds × ${DURATION_S} s per variant`);
  const children: Child[] = [];
  let dir: string | null = null;
  try {
    let target: Record<string, string>;
    if (engine === 'postgres') target = { DATABASE_URL: await recreateDatabase(PG_DB) };
    else target = { PORTA_DATA_DIR: (dir = tempDir('ticket-search')) };
    const prepared = await prepare(engine, target as { DATABASE_URL: string } | { PORTA_DATA_DIR: string });
    const port = await freePort();
    const app = startNode(`ticket-search-${engine}`, serverCommand().args, { ...target, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PORTA_SECRET_KEY: BENCH_SECRET_KEY, PORTA_DB_POOL_SIZE: String(POOL_SIZE[engine]) });
    children.push(app);
    const base = `http://127.0.0.1:${port}`;
    await waitFor200(`${base}/healthz`, app, performance.now(), 120_000);
    const cookies = {
      portal: await cookieOf(base, '/api/v1/portal/auth/login', { username: prepared.username, password: PASSWORD }),
      console: await cookieOf(base, '/api/v1/auth/login', { email: prepared.technicianEmail, password: PASSWORD }),
    };
    const list = variants(prepared.rareWord);
    const totals: Record<string, number> = {};
    for (const v of list) {
      const res = await fetch(`${base}${v.path}`, { headers: { cookie: cookies[v.area] } });
      if (res.status !== 200) throw new Error(`${v.label} answered ${res.status}: ${await res.text()}`);
      totals[v.key] = ((await res.json()) as { total: number }).total;
    }
    console.log(`  totals: ${list.map((v) => `${v.key} ${totals[v.key]}`).join(', ')}`);
    if (totals['portal-rare'] !== 1) throw new Error(`the rare word should find exactly one ticket in the portal, found ${totals['portal-rare']}`);
    const shoot = (v: Variant, s: number) => closedLoop(port, [{ path: v.path, headers: { host: '127.0.0.1', cookie: cookies[v.area] } }], CONNECTIONS, s);
    for (const v of list) await shoot(v, WARMUP_S);
    const rounds: Array<Record<string, LoadShot>> = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? list : [...list].reverse();
      const shot: Record<string, LoadShot> = {};
      for (const v of order) shot[v.key] = await shoot(v, DURATION_S);
      rounds.push(shot);
      console.log(`  round ${r + 1}: ${list.map((v) => `${v.key} ${shot[v.key]?.rps}`).join(', ')} req/s`);
    }
    const medians: Record<string, LoadShot> = {};
    const ratios: Record<string, { rps: number; p95: number }> = {};
    for (const v of list) {
      const shots = rounds.map((x) => x[v.key] as LoadShot);
      medians[v.key] = { rps: round(median(shots.map((s) => s.rps))), p50: round(median(shots.map((s) => s.p50)), 2), p95: round(median(shots.map((s) => s.p95)), 2), p99: round(median(shots.map((s) => s.p99)), 2), requests: shots.reduce((a, s) => a + s.requests, 0), errors: shots.reduce((a, s) => a + s.errors, 0) };
      ratios[v.key] = {
        rps: round(median(rounds.map((x) => (x[v.key] as LoadShot).rps / (x[v.area] as LoadShot).rps)), 3),
        p95: round(median(rounds.map((x) => (x[v.key] as LoadShot).p95 / (x[v.area] as LoadShot).p95)), 3),
      };
    }
    return { engine, tickets: TICKETS[engine], prepared, medians, ratios, totals };
  } finally {
    for (const c of children) await c.stop();
    if (dir) removeDir(dir);
    if (engine === 'postgres' && env.BENCH_KEEP_DB !== '1') await dropDatabase(PG_DB);
  }
}

function report(r: EngineResult): void {
  const list = variants(r.prepared.rareWord);
  console.log(`\n[${r.engine}] ticket list with and without q (${r.tickets.toLocaleString('en')} tickets, ${CONNECTIONS} connections)`);
  console.log(
    table(
      ['variant', 'total', 'req/s', 'p50 ms', 'p95 ms', 'errors', '÷ no q (req/s)', '÷ no q (p95)'],
      list.map((v) => {
        const m = r.medians[v.key] as LoadShot;
        const q = r.ratios[v.key] as { rps: number; p95: number };
        return [v.label, r.totals[v.key] ?? '', m.rps, m.p50, m.p95, m.errors, q.rps, q.p95];
      }),
    ),
  );
  console.log('SQL of the portal list (medians; EXPLAIN ANALYZE execution, planning; round trip):');
  console.log(table(['query', 'execution ms', 'planning ms', 'round trip ms'], r.prepared.sql.map((c) => [c.query, c.executionMs, c.planningMs, c.roundTripMs])));
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const results: EngineResult[] = [];
  const skipped: string[] = [];
  for (const engine of ENGINES) {
    if (engine === 'postgres') {
      const why = await postgresUnavailable();
      if (why) {
        skipped.push(`ticket-search postgres: skipped (${why})`);
        continue;
      }
    }
    results.push(await benchEngine(engine));
  }
  console.log(`\n${'='.repeat(30)} ticket-search results`);
  for (const r of results) report(r);
  const summary = results.map(
    (r) =>
      `ticket search ${r.engine} (${r.tickets.toLocaleString('en')} tickets): req/s with q ÷ without, portal ` +
      `printer ${r.ratios['portal-subject']?.rps}, morning ${r.ratios['portal-common']?.rps}, rare ${r.ratios['portal-rare']?.rps}; console ` +
      `printer ${r.ratios['console-subject']?.rps}, morning ${r.ratios['console-common']?.rps}, rare ${r.ratios['console-rare']?.rps}`,
  );
  summary.push(...skipped);
  const file = writeResult({ name: 'ticket-search', startedAt, machine: machine(), summary, goalsMet: true, data: { connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS, results } });
  console.log(`wrote ${file}`);
}

runMain(main, 15 * 60_000);
