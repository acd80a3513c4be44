/**
 * Knowledge-base search (issues 4 and 11): 50,000 generated published articles (mixed
 * languages, 80–300 words) plus the 30 demo articles on PostgreSQL, 5,000 on PGlite.
 * Speed: the portal search `GET /api/v1/portal/kb/articles?q=…` of the real server (the
 * in-process index, search/tenant-index.ts) at 20 connections and at 1 over a mix of queries
 * in five languages (each sent as a contact of that language), against the fair baseline: a
 * bare Fastify server calling the same search function without auth/session (kb-search-index-
 * bare-server.ts); and, for before/after, the bare server running the old SQL (`searchSql`,
 * kb-search-bare-server.ts) at 20 connections. Rounds alternate variants; medians; ratios
 * within the run. Goals: app p95 < 30 ms at 20 connections and < 10 ms at 1 on PostgreSQL.
 * Relevance: MRR@10 and top-3 of the labelled queries (kb-search/queries.ts) per language,
 * for the index (after) and the old SQL (before). Memory: the index's heap per 10,000 articles.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContact } from '../apps/server/src/features/contacts/contacts.service.ts';
import { createCustomer } from '../apps/server/src/features/customers/customers.service.ts';
import { type Reader, search, searchSql } from '../apps/server/src/features/kb/kb-portal.repo.ts';
import { KbSearchIndex } from '../apps/server/src/features/kb/search/kb-search-index.ts';
import type { BareSearch } from './kb-search-index-bare-server.ts';
import { createTenantWithAdmin } from '../apps/server/src/features/tenants/tenants.service.ts';
import { seedDemoKb } from '../apps/server/src/demo/seed-demo-kb.ts';
import { DEMO_ARTICLES } from '../apps/server/src/demo/demo-kb.ts';
import { boot } from '../apps/server/src/platform/boot.ts';
import type { Database } from '../apps/server/src/platform/db/schema.ts';
import { type CapturedQuery, offlineDb } from './lib/app-sql.ts';
import { BENCH_SECRET_KEY, bundledBare, type Child, freePort, machine, median, round, runMain, serverCommand, startNode, table, tempDir, waitFor200, writeResult } from './lib/common.ts';
import { timeSql } from './lib/load.ts';
import { dropDatabase, postgresUnavailable, recreateDatabase } from './lib/postgres.ts';
import { closedLoop, type LoadShot, type Target } from './kb-search/load.ts';
import { LABELLED_QUERIES } from './kb-search/queries.ts';
import { seedArticles, type SeedStats } from './kb-search/seed.ts';

type Engine = 'postgres' | 'pglite';
type Lang = 'en' | 'fr' | 'de' | 'es' | 'it';
const env = process.env;
const ENGINES = (env.BENCH_ENGINES ?? 'postgres,pglite').split(',') as Engine[];
const ARTICLES: Record<Engine, number> = { postgres: Number(env.BENCH_KB_ARTICLES ?? 50_000), pglite: Number(env.BENCH_KB_PGLITE_ARTICLES ?? 5_000) };
const POOL_SIZE: Record<Engine, number> = { postgres: 10, pglite: 4 };
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 20);
const DURATION_S = Number(env.BENCH_DURATION ?? 8);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const WARMUP_S = Number(env.BENCH_WARMUP ?? 3);
const GOAL_P95_MS = 30;
const GOAL_P95_ONE_MS = 10;
const PG_DB = 'porta_bench_kb';
const LANGS: Lang[] = ['en', 'fr', 'de', 'es', 'it'];
const PASSWORD = 'bench-contact-password-1';
const LIMIT = 10;

/** The load mix: everyday searches in each language (common words, inflections, a typo). */
const LOAD_QUERIES: { language: Lang; q: string }[] = [
  { language: 'en', q: 'printer offline' },
  { language: 'en', q: 'reset password' },
  { language: 'en', q: 'vpn connection slow' },
  { language: 'en', q: 'pasword' },
  { language: 'fr', q: 'imprimante réseau' },
  { language: 'fr', q: 'mot de passe' },
  { language: 'de', q: 'Drucker Netzwerk' },
  { language: 'de', q: 'Passwort' },
  { language: 'es', q: 'impresoras' },
  { language: 'es', q: 'contraseña cuenta' },
  { language: 'it', q: 'stampanti' },
  { language: 'it', q: 'aggiornamenti software' },
];

interface Relevance {
  overall: number;
  byLanguage: Record<Lang, number>;
  top3: number;
  top3ByLanguage: Record<Lang, number>;
  misses: string[];
}

interface Prepared {
  seed: SeedStats;
  readers: Record<Lang, Reader>;
  usernames: Record<Lang, string>;
  /** The in-process index (after) and the old SQL (before). */
  mrr: Relevance;
  mrrSql: Relevance;
  index: { buildMs: number; heapMb: number; estimateMb: number; heapMbPer10k: number; searchUsMedian: number };
  sql: Array<{ query: string; executionMs: number; planningMs: number; roundTripMs: number }>;
  compiled: CapturedQuery[];
  searches: BareSearch[];
}

/** Issue 11 item 4's relevance goals. */
const relevanceMet = (r: Relevance) => r.overall >= 0.85 && Object.values(r.byLanguage).every((m) => m >= 0.85) && r.top3 >= 0.95;

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

async function relevance(rank: (lq: (typeof LABELLED_QUERIES)[number]) => Promise<number>): Promise<Relevance> {
  const reciprocal: Record<Lang, number[]> = { en: [], fr: [], de: [], es: [], it: [] };
  const top3: Record<Lang, number[]> = { en: [], fr: [], de: [], es: [], it: [] };
  const misses: string[] = [];
  for (const lq of LABELLED_QUERIES) {
    const r = await rank(lq);
    reciprocal[lq.language].push(r > 0 ? 1 / r : 0);
    top3[lq.language].push(r > 0 && r <= 3 ? 1 : 0);
    if (r !== 1) misses.push(`${lq.language} "${lq.q}" (${lq.kind}) → ${r > 0 ? `rank ${r}` : 'not in top 10'}`);
  }
  return {
    overall: round(mean(Object.values(reciprocal).flat()), 3),
    byLanguage: Object.fromEntries(LANGS.map((l) => [l, round(mean(reciprocal[l]), 3)])) as Record<Lang, number>,
    top3: round(mean(Object.values(top3).flat()), 3),
    top3ByLanguage: Object.fromEntries(LANGS.map((l) => [l, round(mean(top3[l]), 3)])) as Record<Lang, number>,
    misses,
  };
}

/** Heap plus ArrayBuffer backing stores (the index's typed arrays live outside the heap), after a forced GC. */
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
};

function compile(r: Reader, q: string): CapturedQuery {
  const c = searchSql(r, q, LIMIT).compile(offlineDb([]) as Kysely<Database>);
  return { sql: c.sql, parameters: [...c.parameters] };
}

async function prepare(engine: Engine, target: { DATABASE_URL: string } | { PORTA_DATA_DIR: string }): Promise<Prepared> {
  const config = loadConfig({ ...target, PORTA_SECRET_KEY: BENCH_SECRET_KEY, PORTA_DB_POOL_SIZE: String(POOL_SIZE[engine]), LOG_LEVEL: 'warn' });
  const { ctx, handle } = await boot(config);
  try {
    const { tenant, admin } = await createTenantWithAdmin(ctx, { slug: 'bench', name: 'Bench MSP', admin: { name: 'Bench Admin', email: 'admin@bench.example', password: PASSWORD } });
    const customer = await createCustomer(ctx, tenant.id, { name: 'Bench Customer', domains: [] });
    const readers = {} as Record<Lang, Reader>;
    const usernames = {} as Record<Lang, string>;
    for (const language of LANGS) {
      const { row, credentials } = await createContact(ctx, tenant.id, 'en', { customerId: customer.id, firstName: 'Bench', lastName: language, email: `bench-${language}@bench.example`, isPrimary: false, language });
      await ctx.db.updateTable('contacts').set({ password_hash: (await ctx.db.selectFrom('technicians').select('password_hash').where('id', '=', admin.id).executeTakeFirstOrThrow()).password_hash }).where('id', '=', row.id).execute();
      readers[language] = { tenantId: tenant.id, customerId: customer.id, contactId: row.id, language, defaultLanguage: 'en' };
      usernames[language] = credentials.username;
    }
    const seed = await seedArticles(ctx.db, tenant.id, ARTICLES[engine]);
    // The demo articles are the labelled documents; the one limited to a demo customer is limited to the bench customer.
    await seedDemoKb(ctx, tenant.id, admin.id, new Map([['Rossi Costruzioni S.r.l.', customer.id]]));
    console.log(
      `  seeded ${seed.articles.toLocaleString('en')} articles, ${seed.translations.toLocaleString('en')} translations in ${round((seed.ms.articles + seed.ms.translations + seed.ms.indexes + seed.ms.analyze) / 1000, 1)} s ` +
        `(articles ${seed.ms.articles} ms, translations ${seed.ms.translations} ms, indexes ${seed.ms.indexes} ms, analyze ${seed.ms.analyze} ms) + ${DEMO_ARTICLES.length} labelled demo articles`,
    );

    // Relevance: MRR@10 and top-3 of the labelled queries, through the index (after) and the old SQL (before).
    const expectedIds = new Map<string, string>();
    const demo = await ctx.db.selectFrom('kb_translations').select(['article_id', 'title']).where('tenant_id', '=', tenant.id).where('language', '=', 'en').execute();
    for (const a of DEMO_ARTICLES) {
      const id = demo.find((d) => d.title === a.texts.en?.[0])?.article_id;
      if (id && a.texts.en) expectedIds.set(a.texts.en[0], id);
    }
    const heapBefore = heapMb();
    const index = new KbSearchIndex(ctx.db);
    const b0 = performance.now();
    const built = await index.forTenant(tenant.id);
    const buildMs = Math.round(performance.now() - b0);
    const heapAfter = heapMb();
    const mrr = await relevance(async (lq) => (await index.search(tenant.id, readers[lq.language], lq.q, LIMIT)).items.findIndex((r) => r.id === expectedIds.get(lq.expected)) + 1);
    const mrrSql = await relevance(async (lq) => (await search(ctx.db, readers[lq.language], lq.q, LIMIT)).findIndex((r) => r.id === expectedIds.get(lq.expected)) + 1);
    // The search function alone, in process: median over the load mix, 20 passes.
    const times: number[] = [];
    for (let pass = 0; pass < 20; pass++)
      for (const l of LOAD_QUERIES) {
        const t0 = performance.now();
        built.search(readers[l.language], l.q, LIMIT);
        times.push((performance.now() - t0) * 1000);
      }
    const articles = built.size;
    const indexStats = {
      buildMs,
      heapMb: round(heapAfter - heapBefore, 1),
      estimateMb: round(built.memoryEstimate() / 1024 / 1024, 1),
      heapMbPer10k: round(((heapAfter - heapBefore) / articles) * 10_000, 1),
      searchUsMedian: round(median(times)),
    };
    console.log(`  index: ${articles.toLocaleString('en')} articles built in ${buildMs} ms; heap +${indexStats.heapMb} MB (${indexStats.heapMbPer10k} MB per 10,000 articles; estimate ${indexStats.estimateMb} MB); search function median ${indexStats.searchUsMedian} µs`);
    const searches: BareSearch[] = LOAD_QUERIES.map((l) => ({ tenantId: tenant.id, reader: readers[l.language], q: l.q, limit: LIMIT }));

    const compiled = LOAD_QUERIES.map((l) => compile(readers[l.language], l.q));
    const sqlCost = [];
    for (const [i, l] of LOAD_QUERIES.entries()) sqlCost.push(await timeSql(handle.pool, compiled[i] as CapturedQuery, `${l.language} "${l.q}"`, 10));
    return { seed, readers, usernames, mrr, mrrSql, index: indexStats, sql: sqlCost, compiled, searches };
  } finally {
    await handle.close();
  }
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/portal/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`portal login answered ${res.status}: ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
}

type Variant = 'app' | 'bareIndex' | 'bareSql' | 'app1' | 'bareIndex1';
const VARIANTS: Record<Variant, string> = {
  app: `app (real server), ${CONNECTIONS} conn.`,
  bareIndex: `bare Fastify + same index search, ${CONNECTIONS} conn.`,
  bareSql: `bare Fastify + pg, old SQL (before), ${CONNECTIONS} conn.`,
  app1: 'app (real server), 1 conn.',
  bareIndex1: 'bare Fastify + same index search, 1 conn.',
};

interface EngineResult {
  engine: Engine;
  prepared: Omit<Prepared, 'compiled' | 'readers' | 'searches'>;
  rounds: Array<Record<Variant, LoadShot>>;
  medians: Record<Variant, LoadShot>;
  /** app/bare req/s (same index search), per-round median, at 20 and at 1 connection. */
  ratio: number;
  ratio1: number;
  goalMet: boolean | null;
}

const medianShot = (shots: LoadShot[]): LoadShot => ({
  rps: round(median(shots.map((s) => s.rps))),
  p50: round(median(shots.map((s) => s.p50)), 2),
  p95: round(median(shots.map((s) => s.p95)), 2),
  p99: round(median(shots.map((s) => s.p99)), 2),
  requests: shots.reduce((a, s) => a + s.requests, 0),
  errors: shots.reduce((a, s) => a + s.errors, 0),
});

async function benchEngine(engine: Engine): Promise<EngineResult> {
  console.log(`\n[${engine}] ${ARTICLES[engine].toLocaleString('en')} articles; pool ${POOL_SIZE[engine]}, ${CONNECTIONS} and 1 connections, ${ROUNDS} rounds × ${DURATION_S} s per variant`);
  const children: Child[] = [];
  const dirs: string[] = [];
  try {
    let appTarget: Record<string, string>;
    let bareTarget: Record<string, string>;
    let sqlTarget: Record<string, string>;
    let prepared: Prepared;
    if (engine === 'postgres') {
      const url = await recreateDatabase(PG_DB);
      prepared = await prepare(engine, { DATABASE_URL: url });
      appTarget = { DATABASE_URL: url };
      bareTarget = { BARE_DATABASE_URL: url };
      sqlTarget = bareTarget;
    } else {
      const dir = tempDir('kb-app');
      const copy = tempDir('kb-bare');
      const copySql = tempDir('kb-bare-sql');
      dirs.push(dir, copy, copySql);
      prepared = await prepare(engine, { PORTA_DATA_DIR: dir });
      fs.cpSync(dir, copy, { recursive: true });
      fs.cpSync(dir, copySql, { recursive: true });
      appTarget = { PORTA_DATA_DIR: dir };
      bareTarget = { BARE_DATA_DIR: copy };
      sqlTarget = { BARE_DATA_DIR: copySql };
    }
    const cmd = serverCommand();
    const appPort = await freePort();
    const app = startNode(`kb-${engine}-app`, cmd.args, { ...appTarget, PORT: String(appPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PORTA_SECRET_KEY: BENCH_SECRET_KEY, PORTA_DB_POOL_SIZE: String(POOL_SIZE[engine]) });
    children.push(app);
    await waitFor200(`http://127.0.0.1:${appPort}/healthz`, app, performance.now(), 120_000);
    const base = `http://127.0.0.1:${appPort}`;
    const cookies = {} as Record<Lang, string>;
    for (const l of LANGS) cookies[l] = await login(base, prepared.usernames[l]);
    const barePort = await freePort();
    const bare = startNode(`kb-${engine}-bare-index`, await bundledBare('bench/kb-search-index-bare-server.ts'), {
      ...bareTarget,
      BARE_PORT: String(barePort),
      BARE_POOL_SIZE: String(POOL_SIZE[engine]),
      BARE_SEARCHES: JSON.stringify(prepared.searches),
    });
    children.push(bare);
    // The bare server builds its index on this first search (tens of seconds at 50,000 articles).
    await waitFor200(`http://127.0.0.1:${barePort}/bare/search?i=0`, bare, performance.now(), 600_000);
    const sqlPort = await freePort();
    const bareSql = startNode(`kb-${engine}-bare-sql`, await bundledBare('bench/kb-search-bare-server.ts'), {
      ...sqlTarget,
      BARE_PORT: String(sqlPort),
      BARE_POOL_SIZE: String(POOL_SIZE[engine]),
      BARE_QUERIES: JSON.stringify(prepared.compiled),
    });
    children.push(bareSql);
    await waitFor200(`http://127.0.0.1:${sqlPort}/bare/search?i=0`, bareSql, performance.now(), 120_000);

    const appTargets: Target[] = LOAD_QUERIES.map((l) => ({ path: `/api/v1/portal/kb/articles?q=${encodeURIComponent(l.q)}&limit=${LIMIT}`, headers: { host: '127.0.0.1', cookie: cookies[l.language] } }));
    const bareTargets: Target[] = LOAD_QUERIES.map((_, i) => ({ path: `/bare/search?i=${i}`, headers: {} }));
    // Same answers first: the same ids in the same order for every query of the mix (app and the bare index). The app builds its
    // index at start and answers from SQL until it is ready: poll until the answers agree (the build's time is reported).
    const sameAnswers = async () => {
      for (const [i, t] of appTargets.entries()) {
        const a = (await (await fetch(`${base}${t.path}`, { headers: t.headers })).json()) as { items: { id: string }[]; corrected?: string | null };
        const b = (await (await fetch(`http://127.0.0.1:${barePort}/bare/search?i=${i}`)).json()) as { items: { id: string }[] };
        if (a.items.map((x) => x.id).join() !== b.items.map((x) => x.id).join()) return LOAD_QUERIES[i]?.q ?? String(i);
      }
      return null;
    };
    const agreeT0 = performance.now();
    let differs = await sameAnswers();
    while (differs !== null && performance.now() - agreeT0 < 600_000) {
      await new Promise((r) => setTimeout(r, 1000));
      differs = await sameAnswers();
    }
    if (differs !== null) throw new Error(`app and bare answer differently for ${differs}`);
    console.log(`  checked: app and the bare index server answer the same ids for every query of the mix (app index ready ${round((performance.now() - agreeT0) / 1000, 1)} s after the bare one)`);

    const shoot: Record<Variant, () => Promise<LoadShot>> = {
      app: () => closedLoop(appPort, appTargets, CONNECTIONS, DURATION_S),
      bareIndex: () => closedLoop(barePort, bareTargets, CONNECTIONS, DURATION_S),
      bareSql: () => closedLoop(sqlPort, bareTargets, CONNECTIONS, DURATION_S),
      app1: () => closedLoop(appPort, appTargets, 1, DURATION_S),
      bareIndex1: () => closedLoop(barePort, bareTargets, 1, DURATION_S),
    };
    await closedLoop(appPort, appTargets, CONNECTIONS, WARMUP_S);
    await closedLoop(barePort, bareTargets, CONNECTIONS, WARMUP_S);
    await closedLoop(sqlPort, bareTargets, CONNECTIONS, WARMUP_S);
    const rounds: Array<Record<Variant, LoadShot>> = [];
    const names = Object.keys(VARIANTS) as Variant[];
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? names : [...names].reverse();
      const shot = {} as Record<Variant, LoadShot>;
      for (const k of order) shot[k] = await shoot[k]();
      rounds.push(shot);
      console.log(`  round ${r + 1}: ${names.map((k) => `${k} ${shot[k].rps} req/s p95 ${shot[k].p95} ms`).join('; ')}`);
    }
    const medians = Object.fromEntries(names.map((k) => [k, medianShot(rounds.map((x) => x[k]))])) as Record<Variant, LoadShot>;
    const { compiled: _c, readers: _r, searches: _s, ...kept } = prepared;
    return {
      engine,
      prepared: kept,
      rounds,
      medians,
      ratio: round(median(rounds.map((x) => x.app.rps / x.bareIndex.rps)), 3),
      ratio1: round(median(rounds.map((x) => x.app1.rps / x.bareIndex1.rps)), 3),
      // Issue 11: the speed goals hold only "with the same relevance" (MRR@10 ≥ 0.85 overall and per language, top-3 ≥ 95%).
      goalMet: engine === 'postgres' ? medians.app.p95 < GOAL_P95_MS && medians.app1.p95 < GOAL_P95_ONE_MS && relevanceMet(prepared.mrr) : null,
    };
  } finally {
    for (const c of children) await c.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    // BENCH_KEEP_DB=1 keeps porta_bench_kb for EXPLAIN after the run.
    if (engine === 'postgres' && env.BENCH_KEEP_DB !== '1') await dropDatabase(PG_DB);
  }
}

const relevanceLine = (r: Relevance) =>
  `MRR@10 ${r.overall} (${LANGS.map((l) => `${l} ${r.byLanguage[l]}`).join(', ')}); top-3 ${round(r.top3 * 100, 1)}% (${LANGS.map((l) => `${l} ${round(r.top3ByLanguage[l] * 100)}%`).join(', ')})`;

function report(r: EngineResult): void {
  const p = r.prepared;
  console.log(`\n[${r.engine}] GET /api/v1/portal/kb/articles?q=… (${p.seed.articles.toLocaleString('en')} articles, ${p.seed.translations.toLocaleString('en')} translations; mix of ${LOAD_QUERIES.length} queries in 5 languages)`);
  console.log(
    table(
      ['variant', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
      (Object.keys(VARIANTS) as Variant[]).map((k) => [VARIANTS[k], r.medians[k].rps, r.medians[k].p50, r.medians[k].p95, r.medians[k].p99, r.medians[k].errors]),
    ),
  );
  console.log(
    `app/bare (same index search) = ${r.ratio} at ${CONNECTIONS} conn., ${r.ratio1} at 1 (per-round medians)` +
      (r.goalMet === null ? '' : `; goals app p95 < ${GOAL_P95_MS} ms at ${CONNECTIONS} conn. and < ${GOAL_P95_ONE_MS} ms at 1 with the relevance goals: ${r.goalMet ? 'met' : 'NOT met'}`),
  );
  console.log(`index: built in ${p.index.buildMs} ms; heap +${p.index.heapMb} MB = ${p.index.heapMbPer10k} MB per 10,000 articles (own estimate ${p.index.estimateMb} MB); search function median ${p.index.searchUsMedian} µs`);
  console.log('old SQL per query (medians; EXPLAIN ANALYZE execution, planning; round trip):');
  console.log(table(['query', 'execution ms', 'planning ms', 'round trip ms'], p.sql.map((c) => [c.query, c.executionMs, c.planningMs, c.roundTripMs])));
  console.log(`relevance over ${LABELLED_QUERIES.length} labelled queries, index (after): ${relevanceLine(p.mrr)}`);
  console.log(`relevance, old SQL (before): ${relevanceLine(p.mrrSql)}`);
  if (p.mrr.misses.length) console.log(`  index, not first: ${p.mrr.misses.join('; ')}`);
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const results: EngineResult[] = [];
  const skipped: string[] = [];
  for (const engine of ENGINES) {
    if (engine === 'postgres') {
      const why = await postgresUnavailable();
      if (why) {
        skipped.push(`kb-search postgres: skipped (${why})`);
        continue;
      }
    }
    results.push(await benchEngine(engine));
  }
  console.log(`\n${'='.repeat(30)} kb-search results`);
  for (const r of results) report(r);
  const summary = results.map(
    (r) =>
      `kb search ${r.engine} (${r.prepared.seed.articles.toLocaleString('en')} articles): app ${r.medians.app.rps} req/s p95 ${r.medians.app.p95} ms at ${CONNECTIONS} conn., p95 ${r.medians.app1.p95} ms at 1 ` +
      `vs bare index ${r.medians.bareIndex.rps} req/s p95 ${r.medians.bareIndex.p95} ms → ratio ${r.ratio} (1 conn.: ${r.ratio1}); old SQL bare p95 ${r.medians.bareSql.p95} ms` +
      (r.goalMet === null ? '' : ` (goals p95 < ${GOAL_P95_MS} / < ${GOAL_P95_ONE_MS} ms with MRR@10 ≥ 0.85 in every language and top-3 ≥ 95%: ${r.goalMet ? 'met' : 'NOT met'})`) +
      `; index ${r.prepared.index.heapMbPer10k} MB per 10k articles; after ${relevanceLine(r.prepared.mrr)}; before ${relevanceLine(r.prepared.mrrSql)}`,
  );
  summary.push(...skipped);
  const pg = results.find((r) => r.engine === 'postgres');
  const file = writeResult({ name: 'kb-search', startedAt, machine: machine(), summary, goalsMet: pg?.goalMet === true, data: { connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS, loadQueries: LOAD_QUERIES, labelled: LABELLED_QUERIES, results } });
  console.log(`wrote ${file}`);
}

runMain(main, 30 * 60_000);
