/**
 * Authenticated GET /api/v1/contacts?page=1&pageSize=25 out of 10,000 contacts in one
 * tenant, on PostgreSQL and on PGlite, next to a bare Fastify + `pg` endpoint running the
 * same SQL (bench/bare-server.ts) measured in the same run, rounds alternated.
 * Goal: on PostgreSQL the app reaches at least 60% of the bare endpoint's requests/s.
 *
 * Both servers are child processes; wrk (lib/wrk.ts) drives them from here. Besides req/s and latency it
 * records each server process's CPU time per request, the SQL's own cost (EXPLAIN ANALYZE
 * and client round trip) and the app's per-request CPU work measured in-process
 * (query building, querystring validation, zod response serialisation).
 *
 * Env: BENCH_ENGINES=postgres,pglite  BENCH_DURATION=10  BENCH_ROUNDS=3  BENCH_WARMUP=3
 *      BENCH_CONNECTIONS=10  BENCH_PG_URL=postgres://postgres@127.0.0.1:5432
 */
import fs from 'node:fs';
import path from 'node:path';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { contactListQuerySchema, contactPageSchema } from '@porta/contracts/contacts';
import { loadConfig } from '../apps/server/src/config.ts';
import { createSession } from '../apps/server/src/platform/auth/sessions.ts';
import { boot } from '../apps/server/src/platform/boot.ts';
import { encrypt } from '../apps/server/src/platform/crypto/keys.ts';
import { hashPassword } from '../apps/server/src/platform/crypto/passwords.ts';
import { hashToken } from '../apps/server/src/platform/crypto/tokens.ts';
import { listContacts } from '../apps/server/src/features/contacts/contacts.repo.ts';
import { presentContact } from '../apps/server/src/features/contacts/contacts.presenter.ts';
import { createTenantWithAdmin } from '../apps/server/src/features/tenants/tenants.service.ts';
import type { BareSpec } from './bare-server.ts';
import { contactListQueries, listBuildMicros, sessionQuery, type CapturedQuery } from './lib/app-sql.ts';
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
  serverCommand,
  startNode,
  table,
  tempDir,
  waitFor200,
  writeResult,
  type Child,
  type ServerCommand,
} from './lib/common.ts';
import { BackendMeter, getJson, mediansOf, microUs, shoot, timeSql, type Medians, type Shot, type SqlCost } from './lib/load.ts';
import { dropDatabase, postgresUnavailable, recreateDatabase } from './lib/postgres.ts';

type Engine = 'postgres' | 'pglite';
type VariantKey = 'app' | 'bare' | 'bareSession';

const env = process.env;
const ENGINES = (env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()) as Engine[];
const DURATION_S = Number(env.BENCH_DURATION ?? 10);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 10);
const CONTACTS = 10_000;
const CUSTOMERS = 100;
/** The app's own defaults (platform/db/database.ts), set explicitly on both sides. */
const POOL_SIZE: Record<Engine, number> = { postgres: 10, pglite: 4 };
const GOAL_RATIO = 0.6;
const PG_DB = 'porta_bench';
const PATH = '/api/v1/contacts?page=1&pageSize=25';
const ADMIN = { name: 'Bench Admin', email: 'tech@bench.example', password: 'bench-password-123' };

const VARIANTS: Record<VariantKey, string> = {
  app: 'app (tenant + session + zod)',
  bare: 'bare Fastify + pg (same SQL)',
  bareSession: 'bare + session query (diagnostic)',
};

// ---------------------------------------------------------------- seeding and SQL cost

interface Seeded {
  tenantId: string;
  listQueries: CapturedQuery[];
  /** A session made while seeding: the bare diagnostic's cookie (the bare PGlite copy predates the login). */
  sessionToken: string;
  sqlCost: SqlCost[];
  appCpu: { listBuildUs: number; queryValidationUs: number; presentUs: number; zodSerialiseUs: number; jsonStringifyUs: number; responseBytes: number };
}

function label(q: string): string {
  if (/from "sessions"/.test(q)) return 'session lookup';
  if (/count\(\*\)/.test(q) && !/ limit /.test(q)) return 'list: count';
  if (/ limit /.test(q)) return 'list: page of 25';
  return q.slice(0, 40);
}

/** A tenant with an admin (the repo's own service), 100 customers and 10,000 contacts. */
async function seed(engine: Engine, target: { databaseUrl: string } | { dataDir: string }): Promise<Seeded> {
  const config = loadConfig({
    ...('databaseUrl' in target ? { DATABASE_URL: target.databaseUrl } : { PORTA_DATA_DIR: target.dataDir }),
    PORTA_SECRET_KEY: BENCH_SECRET_KEY,
    PORTA_DB_POOL_SIZE: String(POOL_SIZE[engine]),
    LOG_LEVEL: 'warn',
  });
  const { ctx, handle } = await boot(config);
  try {
    const { tenant, admin } = await createTenantWithAdmin(ctx, { slug: 'bench', name: 'Bench MSP', admin: ADMIN });
    const t0 = performance.now();
    // One argon2id hash and one sealed initial password for everybody: hashing 10,000
    // passwords would take minutes and measure nothing the list reads.
    const passwordHash = await hashPassword('contact-password-123');
    const sealed = encrypt(ctx.keys, 'contact-password-123');
    await sql`
      insert into customers (tenant_id, name)
      select ${tenant.id}, 'Customer ' || initcap(substr(md5('cu' || i), 1, 8)) from generate_series(1, ${CUSTOMERS}::int) i
    `.execute(ctx.db);
    await sql`
      with cu as (select id, (row_number() over (order by id) - 1)::int as k from customers where tenant_id = ${tenant.id})
      insert into contacts (tenant_id, customer_id, first_name, last_name, email, username, password_hash, initial_password_enc, is_primary, language, phone)
      select ${tenant.id}, cu.id,
             initcap(substr(md5('f' || i), 1, 7)), initcap(substr(md5('l' || i), 1, 9)),
             'contact' || i || '@customer' || (i % ${CUSTOMERS}::int) || '.example', 'contact' || i,
             ${passwordHash}, ${sealed}, i % 25 = 0, (array['en','fr','de','es','it'])[1 + i % 5],
             '+3902' || lpad(i::text, 8, '0')
      from generate_series(1, ${CONTACTS}::int) i join cu on cu.k = i % ${CUSTOMERS}::int
    `.execute(ctx.db);
    await sql`vacuum analyze`.execute(ctx.db);
    console.log(`  seeded ${CONTACTS} contacts in ${round(performance.now() - t0)} ms`);

    const listQueries = await contactListQueries(tenant.id);
    const session = await sessionQuery(tenant.id);
    const { token } = await createSession(ctx, tenant.id, 'technician', admin.id, { ip: '127.0.0.1', userAgent: 'bench' });
    const sessionParams = [...session.parameters];
    sessionParams[session.tokenHashIndex] = hashToken(token);
    const sqlCost: SqlCost[] = [];
    sqlCost.push(await timeSql(handle.pool, { sql: 'select 1', parameters: [] }, 'select 1 (round-trip floor)'));
    sqlCost.push(await timeSql(handle.pool, { sql: session.sql, parameters: sessionParams }, 'session lookup'));
    for (const q of listQueries) sqlCost.push(await timeSql(handle.pool, q, label(q.sql)));

    // The app's own CPU work per request, in this process: what the bare endpoint skips.
    const page = await listContacts(ctx.db, tenant.id, { page: 1, pageSize: 25 });
    const payload = { items: page.items.map(presentContact), total: page.total, page: 1, pageSize: 25 };
    const serialise = serializerCompiler({ schema: contactPageSchema, method: 'GET', url: '/api/v1/contacts', httpStatus: '200' });
    const validate = validatorCompiler({ schema: contactListQuerySchema, method: 'GET', url: '/api/v1/contacts', httpPart: 'querystring' });
    const appCpu = {
      listBuildUs: round(await listBuildMicros(tenant.id), 1),
      queryValidationUs: microUs(() => validate({ page: '1', pageSize: '25' })),
      presentUs: microUs(() => page.items.map(presentContact)),
      zodSerialiseUs: microUs(() => serialise(payload)),
      jsonStringifyUs: microUs(() => JSON.stringify(payload)),
      responseBytes: String(serialise(payload)).length,
    };
    return { tenantId: tenant.id, listQueries, sessionToken: token, sqlCost, appCpu };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------- load

interface Variant {
  key: VariantKey;
  url: string;
  headers: Record<string, string>;
  child: Child;
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

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  if (cookies.length === 0) throw new Error('login set no cookie');
  return cookies.join('; ');
}

// ---------------------------------------------------------------- one engine

interface EngineResult {
  engine: Engine;
  poolSize: number;
  seeded: Omit<Seeded, 'sessionToken'>;
  rounds: Record<VariantKey, Shot>[];
  medians: Record<VariantKey, Medians>;
  /** Median over rounds of app/bare measured back to back. */
  ratio: number;
  ratioOfMedians: number;
  sessionRatio: number;
  goalMet: boolean | null;
  rssAfterMiB: { app: number; bare: number };
}

async function benchEngine(engine: Engine, cmd: ServerCommand): Promise<EngineResult> {
  console.log(`\n[${engine}] pool ${POOL_SIZE[engine]}, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${DURATION_S} s per variant (warm-up ${WARMUP_S} s)`);
  const dirs: string[] = [];
  const children: Child[] = [];
  const closers: (() => Promise<void>)[] = [];
  try {
    let appTarget: Record<string, string>;
    let bareTarget: Record<string, string>;
    let seeded: Seeded;
    if (engine === 'postgres') {
      const url = await recreateDatabase(PG_DB);
      seeded = await seed(engine, { databaseUrl: url });
      appTarget = { DATABASE_URL: url };
      bareTarget = { BARE_DATABASE_URL: url };
    } else {
      const dir = tempDir('list-app');
      dirs.push(dir);
      seeded = await seed(engine, { dataDir: dir });
      // The embedded database allows one process per data dir: the bare server gets a copy.
      const copy = tempDir('list-bare');
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
    const profile = env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=app-${engine}-${Date.now()}.cpuprofile`] : [];
    const app = startNode(`list-${engine}-app`, [...profile, ...cmd.args], {
      ...appTarget,
      PORT: String(appPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PORTA_SECRET_KEY: BENCH_SECRET_KEY,
      PORTA_DB_POOL_SIZE: String(POOL_SIZE[engine]),
    });
    children.push(app);
    await waitFor200(`http://127.0.0.1:${appPort}/healthz`, app, t0);
    const appBase = `http://127.0.0.1:${appPort}`;
    const cookie = await login(appBase);

    const session = await sessionQuery(seeded.tenantId);
    const spec: BareSpec = { list: seeded.listQueries, session, cookieName: cookie.split('=')[0] ?? '' };
    const barePort = await freePort();
    const t1 = performance.now();
    const bare = startNode(`list-${engine}-bare`, ['--import', 'tsx', path.join(ROOT, 'bench/bare-server.ts')], {
      ...bareTarget,
      BARE_PORT: String(barePort),
      BARE_POOL_SIZE: String(POOL_SIZE[engine]),
      BARE_QUERIES: JSON.stringify(spec),
    });
    children.push(bare);
    const bareBase = `http://127.0.0.1:${barePort}`;
    await waitFor200(`${bareBase}${PATH}`, bare, t1);

    // Same rows, same order, same total: the baseline answers what the app answers.
    const a = asList(await getJson(`${appBase}${PATH}`, { cookie }), 'app list');
    const b = asList(await getJson(`${bareBase}${PATH}`), 'bare list');
    const bareCookie = `${spec.cookieName}=${seeded.sessionToken}`;
    const s = asList(await getJson(`${bareBase}/bare-auth/contacts`, { cookie: bareCookie }), 'bare + session list');
    if (a.items.length !== 25 || a.total !== CONTACTS) throw new Error(`app list: ${a.items.length} items, total ${a.total}`);
    if (a.items.map((x) => x.id).join() !== b.items.map((x) => x.id).join() || b.total !== a.total || s.total !== a.total) {
      throw new Error('the bare endpoint does not answer the same page as the app');
    }
    if ((await getJson(`${appBase}${PATH}`)).status !== 401) throw new Error('the app answered the list without a session');

    const variants: Variant[] = [
      { key: 'app', url: `${appBase}${PATH}`, headers: { cookie }, child: app },
      { key: 'bare', url: `${bareBase}${PATH}`, headers: {}, child: bare },
      { key: 'bareSession', url: `${bareBase}/bare-auth/contacts?page=1&pageSize=25`, headers: { cookie: bareCookie }, child: bare },
    ];
    const meter = engine === 'postgres' ? await BackendMeter.open(PG_DB) : null;
    if (meter) closers.push(() => meter.close());
    for (const v of variants) await shoot({ url: v.url, headers: v.headers, durationS: WARMUP_S, connections: CONNECTIONS, pid: v.child.pid, meter });

    const rounds: Record<VariantKey, Shot>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? variants : [...variants].reverse();
      const shots: Partial<Record<VariantKey, Shot>> = {};
      for (const v of order) shots[v.key] = await shoot({ url: v.url, headers: v.headers, durationS: DURATION_S, connections: CONNECTIONS, pid: v.child.pid, meter });
      const done = shots as Record<VariantKey, Shot>;
      rounds.push(done);
      console.log(
        `  round ${r + 1}: app ${done.app.rps} req/s (p99 ${done.app.p99} ms), bare ${done.bare.rps} req/s (p99 ${done.bare.p99} ms), ` +
          `bare+session ${done.bareSession.rps} req/s → app/bare ${round(done.app.rps / done.bare.rps, 2)}`,
      );
    }
    const rssAfterMiB = { app: memoryOf(app.pid).rssMiB, bare: memoryOf(bare.pid).rssMiB };

    const med = (k: VariantKey): Medians => mediansOf(rounds.map((x) => x[k]));
    const medians = { app: med('app'), bare: med('bare'), bareSession: med('bareSession') };
    const ratio = round(median(rounds.map((x) => x.app.rps / x.bare.rps)), 3);
    return {
      engine,
      poolSize: POOL_SIZE[engine],
      seeded: { tenantId: seeded.tenantId, listQueries: seeded.listQueries, sqlCost: seeded.sqlCost, appCpu: seeded.appCpu },
      rounds,
      medians,
      ratio,
      ratioOfMedians: round(medians.app.rps / medians.bare.rps, 3),
      sessionRatio: round(median(rounds.map((x) => x.bareSession.rps / x.bare.rps)), 3),
      goalMet: engine === 'postgres' ? ratio >= GOAL_RATIO : null,
      rssAfterMiB,
    };
  } catch (err) {
    for (const c of children) process.stderr.write(`--- ${path.basename(c.logFile)}\n${c.tail(15)}\n`);
    throw err;
  } finally {
    for (const close of closers) await close();
    for (const c of children) await c.stop();
    for (const d of dirs) removeDir(d);
    if (engine === 'postgres') await dropDatabase(PG_DB);
  }
}

// ---------------------------------------------------------------- report

function report(r: EngineResult): void {
  console.log(`\n[${r.engine}] GET ${PATH} (10,000 contacts; pool ${r.poolSize}; ${CONNECTIONS} connections; medians of ${ROUNDS} alternated rounds)`);
  console.log(
    table(
      ['variant', 'req/s', 'p50 ms', 'p99 ms', 'req/s per round'],
      (Object.keys(VARIANTS) as VariantKey[]).map((k) => [VARIANTS[k], r.medians[k].rps, r.medians[k].p50, r.medians[k].p99, r.rounds.map((x) => x[k].rps).join(', ')]),
    ),
  );
  // Where the machine's CPU goes per request: with every core busy, req/s ≈ cores / total.
  console.log(
    `CPU per request, µs (${machine().cpus} cores: req/s ≈ cores × 1e6 / total when saturated; event loop busy = share of wall time the ` +
      `server's main thread ran or waited for a core, 1.0 = saturated):`,
  );
  console.log(
    table(
      [
        'variant',
        'server process',
        'of which kernel',
        r.engine === 'postgres' ? 'postgres backends' : 'database (in server)',
        'load generator',
        'total',
        'cores used',
        'event loop busy',
        'its run-queue wait',
      ],
      (Object.keys(VARIANTS) as VariantKey[]).map((k) => {
        const m = r.medians[k];
        const total = m.cpuUsPerReq + (m.dbCpuUsPerReq ?? 0) + m.loadGenUsPerReq;
        return [
          VARIANTS[k],
          m.cpuUsPerReq,
          m.sysUsPerReq,
          m.dbCpuUsPerReq ?? '-',
          m.loadGenUsPerReq,
          total,
          round((total * m.rps) / 1e6, 2),
          m.mainThreadBusy,
          m.mainWaitUsPerReq,
        ];
      }),
    ),
  );
  const goal = r.goalMet === null ? '(goal applies to PostgreSQL)' : r.goalMet ? `goal ≥ ${GOAL_RATIO}: met` : `goal ≥ ${GOAL_RATIO}: NOT met`;
  console.log(`app/bare = ${r.ratio} (per-round median; ratio of medians ${r.ratioOfMedians}) ${goal}; bare+session/bare = ${r.sessionRatio}`);
  console.log(`RSS after load: app ${r.rssAfterMiB.app} MiB, bare ${r.rssAfterMiB.bare} MiB`);
  console.log('SQL cost (medians):');
  console.log(
    table(
      ['query', 'execution ms', 'planning ms', 'round trip ms'],
      r.seeded.sqlCost.map((c) => [c.query, c.executionMs, c.planningMs, c.roundTripMs]),
    ),
  );
  const c = r.seeded.appCpu;
  console.log(
    `app CPU per request, in-process: query build ${c.listBuildUs} µs, querystring validation ${c.queryValidationUs} µs, ` +
      `presenter ${c.presentUs} µs, zod response serialisation ${c.zodSerialiseUs} µs (plain JSON.stringify ${c.jsonStringifyUs} µs, ${c.responseBytes} bytes)`,
  );
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const cmd = serverCommand();
  console.log(`contacts-list: server ${cmd.note}`);
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
  console.log(`\n${'='.repeat(30)} contacts-list results`);
  for (const r of results) report(r);
  console.log(`\nserver: ${cmd.note}`);

  const summary = results.map(
    (r) =>
      `contacts-list ${r.engine}: app ${r.medians.app.rps} req/s (p99 ${r.medians.app.p99} ms) vs bare ${r.medians.bare.rps} req/s (p99 ${r.medians.bare.p99} ms) → ratio ${r.ratio}` +
      (r.goalMet === null ? '' : ` (goal ≥ ${GOAL_RATIO}: ${r.goalMet ? 'met' : 'NOT met'})`),
  );
  for (const s of skipped) summary.push(`contacts-list ${s.engine}: skipped (${s.reason})`);
  const pgResult = results.find((r) => r.engine === 'postgres');
  const goalsMet = pgResult ? pgResult.goalMet === true : false;
  const file = writeResult({
    name: 'contacts-list',
    startedAt,
    machine: machine(),
    summary,
    goalsMet,
    data: { server: cmd, connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS, warmupS: WARMUP_S, path: PATH, results, skipped },
  });
  console.log(`wrote ${file}`);
}

runMain(main, 9 * 60_000);
