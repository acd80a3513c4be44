/**
 * Knowledge-base search (issue 4, "Measure and report"): 50,000 generated published articles
 * (mixed languages, 80–300 words) plus the 30 demo articles on PostgreSQL, 5,000 on PGlite.
 * The portal search `GET /api/v1/portal/kb/articles?q=…` of the real server, at 20 connections
 * over a mix of queries in five languages (each sent as a contact of that language), against a
 * bare Fastify + `pg` endpoint running the same SQL (the repo's `searchSql`, compiled per query).
 * Rounds alternate app and bare; medians; ratios within the run. Goal: app p95 < 30 ms on
 * PostgreSQL. Relevance: MRR@10 of the labelled queries (kb-search/queries.ts), per language.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContact } from '../apps/server/src/features/contacts/contacts.service.ts';
import { createCustomer } from '../apps/server/src/features/customers/customers.service.ts';
import { type Reader, search, searchSql } from '../apps/server/src/features/kb/kb-portal.repo.ts';
import { createTenantWithAdmin } from '../apps/server/src/features/tenants/tenants.service.ts';
import { seedDemoKb } from '../apps/server/src/demo/seed-demo-kb.ts';
import { DEMO_ARTICLES } from '../apps/server/src/demo/demo-kb.ts';
import { boot } from '../apps/server/src/platform/boot.ts';
import type { Database } from '../apps/server/src/platform/db/schema.ts';
import { type CapturedQuery, offlineDb } from './lib/app-sql.ts';
import { BENCH_SECRET_KEY, type Child, freePort, machine, median, round, ROOT, runMain, serverCommand, startNode, table, tempDir, waitFor200, writeResult } from './lib/common.ts';
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

interface Prepared {
  seed: SeedStats;
  readers: Record<Lang, Reader>;
  usernames: Record<Lang, string>;
  mrr: { overall: number; byLanguage: Record<Lang, number>; misses: string[] };
  sql: Array<{ query: string; executionMs: number; planningMs: number; roundTripMs: number }>;
  compiled: CapturedQuery[];
}

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

    // Relevance: MRR@10 of the labelled queries, through the app's own search.
    const expectedIds = new Map<string, string>();
    const demo = await ctx.db.selectFrom('kb_translations').select(['article_id', 'title']).where('tenant_id', '=', tenant.id).where('language', '=', 'en').execute();
    for (const a of DEMO_ARTICLES) {
      const id = demo.find((d) => d.title === a.texts.en?.[0])?.article_id;
      if (id && a.texts.en) expectedIds.set(a.texts.en[0], id);
    }
    const reciprocal: Record<Lang, number[]> = { en: [], fr: [], de: [], es: [], it: [] };
    const misses: string[] = [];
    for (const lq of LABELLED_QUERIES) {
      const rows = await search(ctx.db, readers[lq.language], lq.q, LIMIT);
      const rank = rows.findIndex((r) => r.id === expectedIds.get(lq.expected)) + 1;
      reciprocal[lq.language].push(rank > 0 ? 1 / rank : 0);
      if (rank !== 1) misses.push(`${lq.language} "${lq.q}" → ${rank > 0 ? `rank ${rank}` : 'not in top 10'}`);
    }
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    const byLanguage = Object.fromEntries(LANGS.map((l) => [l, round(mean(reciprocal[l]), 3)])) as Record<Lang, number>;
    const mrr = { overall: round(mean(Object.values(reciprocal).flat()), 3), byLanguage, misses };

    const compiled = LOAD_QUERIES.map((l) => compile(readers[l.language], l.q));
    const sqlCost = [];
    for (const [i, l] of LOAD_QUERIES.entries()) sqlCost.push(await timeSql(handle.pool, compiled[i] as CapturedQuery, `${l.language} "${l.q}"`, 10));
    return { seed, readers, usernames, mrr, sql: sqlCost, compiled };
  } finally {
    await handle.close();
  }
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/portal/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`portal login answered ${res.status}: ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
}

interface EngineResult {
  engine: Engine;
  prepared: Omit<Prepared, 'compiled' | 'readers'>;
  rounds: Array<{ app: LoadShot; bare: LoadShot }>;
  medians: { app: LoadShot; bare: LoadShot };
  ratio: number;
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
  console.log(`\n[${engine}] ${ARTICLES[engine].toLocaleString('en')} articles; pool ${POOL_SIZE[engine]}, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${DURATION_S} s per variant`);
  const children: Child[] = [];
  const dirs: string[] = [];
  try {
    let appTarget: Record<string, string>;
    let bareTarget: Record<string, string>;
    let prepared: Prepared;
    if (engine === 'postgres') {
      const url = await recreateDatabase(PG_DB);
      prepared = await prepare(engine, { DATABASE_URL: url });
      appTarget = { DATABASE_URL: url };
      bareTarget = { BARE_DATABASE_URL: url };
    } else {
      const dir = tempDir('kb-app');
      const copy = tempDir('kb-bare');
      dirs.push(dir, copy);
      prepared = await prepare(engine, { PORTA_DATA_DIR: dir });
      fs.cpSync(dir, copy, { recursive: true });
      appTarget = { PORTA_DATA_DIR: dir };
      bareTarget = { BARE_DATA_DIR: copy };
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
    const bare = startNode(`kb-${engine}-bare`, ['--import', 'tsx', path.join(ROOT, 'bench/kb-search-bare-server.ts')], {
      ...bareTarget,
      BARE_PORT: String(barePort),
      BARE_POOL_SIZE: String(POOL_SIZE[engine]),
      BARE_QUERIES: JSON.stringify(prepared.compiled),
    });
    children.push(bare);
    await waitFor200(`http://127.0.0.1:${barePort}/bare/search?i=0`, bare, performance.now(), 120_000);

    const appTargets: Target[] = LOAD_QUERIES.map((l) => ({ path: `/api/v1/portal/kb/articles?q=${encodeURIComponent(l.q)}&limit=${LIMIT}`, headers: { host: '127.0.0.1', cookie: cookies[l.language] } }));
    const bareTargets: Target[] = LOAD_QUERIES.map((_, i) => ({ path: `/bare/search?i=${i}`, headers: {} }));
    // Same answers first: the same ids in the same order for every query of the mix.
    for (const [i, t] of appTargets.entries()) {
      const a = (await (await fetch(`${base}${t.path}`, { headers: t.headers })).json()) as { items: { id: string }[] };
      const b = (await (await fetch(`http://127.0.0.1:${barePort}/bare/search?i=${i}`)).json()) as { items: { id: string }[] };
      if (a.items.map((x) => x.id).join() !== b.items.map((x) => x.id).join()) throw new Error(`app and bare answer differently for ${LOAD_QUERIES[i]?.q}`);
    }
    console.log('  checked: app and bare answer the same ids for every query of the mix');

    await closedLoop(appPort, appTargets, CONNECTIONS, WARMUP_S);
    await closedLoop(barePort, bareTargets, CONNECTIONS, WARMUP_S);
    const rounds: Array<{ app: LoadShot; bare: LoadShot }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
      const shot = {} as { app: LoadShot; bare: LoadShot };
      for (const k of order) shot[k] = k === 'app' ? await closedLoop(appPort, appTargets, CONNECTIONS, DURATION_S) : await closedLoop(barePort, bareTargets, CONNECTIONS, DURATION_S);
      rounds.push(shot);
      console.log(`  round ${r + 1}: app ${shot.app.rps} req/s p95 ${shot.app.p95} ms; bare ${shot.bare.rps} req/s p95 ${shot.bare.p95} ms`);
    }
    const medians = { app: medianShot(rounds.map((x) => x.app)), bare: medianShot(rounds.map((x) => x.bare)) };
    const { compiled: _c, readers: _r, ...kept } = prepared;
    return {
      engine,
      prepared: kept,
      rounds,
      medians,
      ratio: round(median(rounds.map((x) => x.app.rps / x.bare.rps)), 3),
      goalMet: engine === 'postgres' ? medians.app.p95 < GOAL_P95_MS : null,
    };
  } finally {
    for (const c of children) await c.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    // BENCH_KEEP_DB=1 keeps porta_bench_kb for EXPLAIN after the run.
    if (engine === 'postgres' && env.BENCH_KEEP_DB !== '1') await dropDatabase(PG_DB);
  }
}

function report(r: EngineResult): void {
  const p = r.prepared;
  console.log(`\n[${r.engine}] GET /api/v1/portal/kb/articles?q=… (${p.seed.articles.toLocaleString('en')} articles, ${p.seed.translations.toLocaleString('en')} translations; ${CONNECTIONS} connections; mix of ${LOAD_QUERIES.length} queries in 5 languages)`);
  console.log(
    table(
      ['variant', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
      (['app', 'bare'] as const).map((k) => [k === 'app' ? 'app (real server)' : 'bare Fastify + pg (same SQL)', r.medians[k].rps, r.medians[k].p50, r.medians[k].p95, r.medians[k].p99, r.medians[k].errors]),
    ),
  );
  console.log(`app/bare = ${r.ratio} (per-round median)${r.goalMet === null ? '' : `; goal app p95 < ${GOAL_P95_MS} ms: ${r.goalMet ? 'met' : 'NOT met'}`}`);
  console.log('SQL per query (medians; EXPLAIN ANALYZE execution, planning; round trip):');
  console.log(table(['query', 'execution ms', 'planning ms', 'round trip ms'], p.sql.map((c) => [c.query, c.executionMs, c.planningMs, c.roundTripMs])));
  console.log(`relevance MRR@10 over ${LABELLED_QUERIES.length} labelled queries: ${p.mrr.overall} (${LANGS.map((l) => `${l} ${p.mrr.byLanguage[l]}`).join(', ')})`);
  if (p.mrr.misses.length) console.log(`  not first: ${p.mrr.misses.join('; ')}`);
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
      `kb search ${r.engine} (${r.prepared.seed.articles.toLocaleString('en')} articles, ${CONNECTIONS} conn.): app ${r.medians.app.rps} req/s p50 ${r.medians.app.p50} ms p95 ${r.medians.app.p95} ms ` +
      `vs bare ${r.medians.bare.rps} req/s p95 ${r.medians.bare.p95} ms → ratio ${r.ratio}` +
      (r.goalMet === null ? '' : ` (goal p95 < ${GOAL_P95_MS} ms: ${r.goalMet ? 'met' : 'NOT met'})`) +
      `; MRR@10 ${r.prepared.mrr.overall} (${LANGS.map((l) => `${l} ${r.prepared.mrr.byLanguage[l]}`).join(', ')})`,
  );
  summary.push(...skipped);
  const pg = results.find((r) => r.engine === 'postgres');
  const file = writeResult({ name: 'kb-search', startedAt, machine: machine(), summary, goalsMet: pg?.goalMet === true, data: { connections: CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS, loadQueries: LOAD_QUERIES, labelled: LABELLED_QUERIES, results } });
  console.log(`wrote ${file}`);
}

runMain(main, 9.5 * 60_000);
