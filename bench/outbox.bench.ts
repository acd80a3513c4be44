/**
 * The outbox under sustained load (issue 16 item 3), on PostgreSQL (`porta_bench_outbox`,
 * created and dropped), autovacuum OFF for the outbox table (the worst case):
 *
 * - claim latency: BENCH_OUTBOX_DONE_ROWS rows (default 1,000,000) written set-based the way the
 *   worker leaves them (inserted pending, claimed: `available_at` pushed by the lease, then done),
 *   then the real `claimDue` on 20 fresh pending rows per call, p50/p95/p99:
 *   "before" = the table as the worker left it before issue 16 (it never vacuumed),
 *   "after" = after the worker's own VACUUM, then BENCH_OUTBOX_CLAIMS calls in a row without
 *   another vacuum (the worst case between two of them: PORTA_OUTBOX_VACUUM_EVERY claimed rows).
 * - idle worker CPU: the real OutboxWorker in this process, nothing due, process.cpuUsage over
 *   BENCH_OUTBOX_IDLE_S seconds (default 60); goal < 1 % of a core.
 * - BENCH_OUTBOX_SUSTAINED_MIN (default 0 = off; 60 for the 1-hour run): the real server with its
 *   mail worker on, tickets created continuously through the portal by two clients, paced at
 *   BENCH_OUTBOX_RATE tickets a second in all (default 10; 0 = as fast as they are answered, which
 *   on 2 cores leaves no CPU for the worker and measures the backlog, not the claim); every BENCH_OUTBOX_SAMPLE_S
 *   (default 10) the claim latency (a claim rolled back) and the outbox size are sampled into
 *   bench/results/outbox-sustained.csv and plotted in bench/results/outbox-sustained.svg.
 *
 * Env: BENCH_OUTBOX_DONE_ROWS=1000000 BENCH_OUTBOX_CLAIMS=250 BENCH_OUTBOX_IDLE_S=60
 *      BENCH_OUTBOX_SUSTAINED_MIN=0 BENCH_OUTBOX_RATE=10 BENCH_OUTBOX_SAMPLE_S=10 BENCH_PG_URL=postgres://postgres@127.0.0.1:5432
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../apps/server/src/config.ts';
import { boot } from '../apps/server/src/platform/boot.ts';
import type { AppContext } from '../apps/server/src/platform/context.ts';
import { createTenantWithAdmin } from '../apps/server/src/features/tenants/tenants.service.ts';
import { createCustomer } from '../apps/server/src/features/customers/customers.service.ts';
import { createContact } from '../apps/server/src/features/contacts/contacts.service.ts';
import { claimDue } from '../apps/server/src/features/mail/outbox.repo.ts';
import { vacuumOutbox } from '../apps/server/src/features/mail/outbox-maintenance.ts';
import { OutboxWorker } from '../apps/server/src/features/mail/outbox-worker.ts';
import { silentLog } from '../apps/server/src/features/mail/worker-log.ts';
import { BENCH_SECRET_KEY, freePort, machine, removeDir, RESULTS_DIR, round, runMain, serverCommand, sleep, startNode, table, tempDir, waitFor200, writeResult, type Child } from './lib/common.ts';
import { dropDatabase, postgresUnavailable, recreateDatabase } from './lib/postgres.ts';

const DONE_ROWS = Number(process.env.BENCH_OUTBOX_DONE_ROWS ?? 1_000_000);
const CLAIMS = Number(process.env.BENCH_OUTBOX_CLAIMS ?? 250);
const BEFORE_CLAIMS = 30;
const IDLE_S = Number(process.env.BENCH_OUTBOX_IDLE_S ?? 60);
const SUSTAINED_MIN = Number(process.env.BENCH_OUTBOX_SUSTAINED_MIN ?? 0);
const SAMPLE_S = Number(process.env.BENCH_OUTBOX_SAMPLE_S ?? 10);
const RATE = Number(process.env.BENCH_OUTBOX_RATE ?? 10);
const POSTERS = 2;
const BATCH = 20;
const CLAIM_GOAL_MS = 5;
const IDLE_GOAL = 0.01;
const DB = 'porta_bench_outbox';

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
}

const stats = (ms: number[]) => ({ calls: ms.length, p50: round(percentile(ms, 50), 2), p95: round(percentile(ms, 95), 2), p99: round(percentile(ms, 99), 2), max: round(Math.max(...ms), 2) });

/** The worst case: rows that went pending → claimed (lease) → done, set-based, never vacuumed. */
async function seedDone(ctx: AppContext, tenantId: string, n: number): Promise<number> {
  const t0 = performance.now();
  const chunk = 250_000;
  for (let from = 0; from < n; from += chunk) {
    const size = Math.min(chunk, n - from);
    await sql`insert into outbox (tenant_id, topic, payload, available_at, created_at)
      select ${tenantId}, 'ticket.created', '{"ticketId":"00000000-0000-0000-0000-000000000000"}',
             now() - interval '2 days' + g * interval '1 ms', now() - interval '2 days'
      from generate_series(1, ${size}::int) g`.execute(ctx.db);
  }
  await sql`update outbox set attempts = 1, available_at = available_at + interval '2 minutes' where status = 'pending'`.execute(ctx.db);
  await sql`update outbox set status = 'done', processed_at = available_at where status = 'pending'`.execute(ctx.db);
  return (performance.now() - t0) / 1000;
}

/** `calls` times: 20 new pending rows, the real claim (timed), then they are marked done (as the worker would). */
async function measureClaims(ctx: AppContext, tenantId: string, calls: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    await sql`insert into outbox (tenant_id, topic, payload) select ${tenantId}, 'ticket.created', '{}' from generate_series(1, ${BATCH}::int)`.execute(ctx.db);
    const t0 = performance.now();
    const rows = await claimDue(ctx.db, BATCH, 120_000);
    ms.push(performance.now() - t0);
    if (rows.length !== BATCH) throw new Error(`claim answered ${rows.length} rows, expected ${BATCH}`);
    await sql`update outbox set status = 'done', processed_at = now() where id = any(${rows.map((r) => r.id)}::uuid[])`.execute(ctx.db);
  }
  return ms;
}

/**
 * The claim's scan as PostgreSQL runs it (EXPLAIN (ANALYZE, BUFFERS) of the claim's SELECT, in a
 * transaction rolled back): the pages it touches do not depend on how loaded the host is, its
 * milliseconds do.
 */
async function claimPlan(ctx: AppContext, tenantId: string | null): Promise<{ buffers: number; ms: number; line: string }> {
  let out = { buffers: 0, ms: 0, line: '' };
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      // With a tenant: 20 new pending rows first (the table alone may have none due); null: the table as it is.
      if (tenantId) await sql`insert into outbox (tenant_id, topic, payload) select ${tenantId}, 'ticket.created', '{}' from generate_series(1, ${BATCH}::int)`.execute(trx);
      const r = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers)
        select id from outbox where status = 'pending' and available_at <= now() order by available_at limit ${BATCH} for update skip locked`.execute(trx);
      const lines = r.rows.map((x) => x['QUERY PLAN']);
      const buf = lines.find((l) => /Buffers:/.test(l)) ?? '';
      const pages = [...buf.matchAll(/(?:hit|read)=(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0);
      const ms = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? Number.NaN);
      out = { buffers: pages, ms, line: buf.trim() };
      throw new RollBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RollBack)) throw err;
    });
  return out;
}

async function idleCpu(ctx: AppContext, seconds: number): Promise<{ seconds: number; cpuMs: number; share: number; pollMs: number }> {
  const worker = new OutboxWorker(ctx, silentLog);
  worker.start();
  // The start-up maintenance (prune + vacuum) runs first; the idle figure is what comes after.
  await sleep(5000);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const c = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  await worker.stop();
  const cpuMs = (c.user + c.system) / 1000;
  return { seconds, cpuMs: round(cpuMs, 1), share: cpuMs / wall, pollMs: ctx.config.mail.pollMs };
}

/** A claim in a transaction rolled back: the latency the worker sees, without taking its rows. */
async function probeClaim(ctx: AppContext): Promise<number> {
  let ms = 0;
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const t0 = performance.now();
      await claimDue(trx, BATCH, 120_000);
      ms = performance.now() - t0;
      throw new RollBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RollBack)) throw err;
    });
  return ms;
}
class RollBack extends Error {}

interface Sample {
  t: number;
  /** `claimDue` as the worker calls it, wall clock in this process (which also runs the two clients). */
  claimMs: number;
  /** The claim's scan as PostgreSQL ran it (EXPLAIN ANALYZE): its time and the pages it touched. */
  scanMs: number;
  scanPages: number;
  /** Live rows (the statistics' count: a count(*) of a million rows every sample would load the host), pending rows, table + indexes. */
  rows: number;
  pending: number;
  sizeMiB: number;
  tickets: number;
}

/** Panels of lines over the run's time; each panel scales to its own maximum. */
function svgPlot(samples: Sample[]): string {
  const W = 800;
  const H = 170;
  const pad = 40;
  const maxT = Math.max(1, ...samples.map((s) => s.t));
  const x = (i: number) => round(pad + ((samples[i]?.t ?? 0) / maxT) * (W - 2 * pad), 1);
  const panels: { title: string; lines: { label: string; color: string; values: number[] }[] }[] = [
    {
      title: 'claim (ms)',
      lines: [
        { label: 'claimDue, wall clock in the bench process', color: '#c0392b', values: samples.map((s) => s.claimMs) },
        { label: "PostgreSQL's scan", color: '#8e44ad', values: samples.map((s) => s.scanMs) },
      ],
    },
    { title: 'pages the claim scan touched', lines: [{ label: 'pages', color: '#d35400', values: samples.map((s) => s.scanPages) }] },
    {
      title: 'outbox rows',
      lines: [
        { label: 'all', color: '#2c6fbb', values: samples.map((s) => s.rows) },
        { label: 'pending', color: '#27ae60', values: samples.map((s) => s.pending) },
      ],
    },
  ];
  const body = panels
    .map((panel, p) => {
      const y0 = p * H;
      const max = Math.max(1e-9, ...panel.lines.flatMap((l) => l.values));
      const lines = panel.lines.map((l) => `<polyline fill="none" stroke="${l.color}" stroke-width="1.5" points="${l.values.map((v, i) => `${x(i)},${round(y0 + H - pad / 2 - (v / max) * (H - 1.5 * pad), 1)}`).join(' ')}"/>`);
      const legend = panel.lines.map((l) => `<tspan fill="${l.color}">${l.label}</tspan>`).join(' · ');
      return `<text x="${pad}" y="${y0 + 16}">${panel.title}, max ${round(max, 2)}: ${legend}</text>\n${lines.join('\n')}`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${panels.length * H + 20}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${body}
<text x="${pad}" y="${panels.length * H + 12}">x: 0 to ${round(maxT / 60, 1)} min; ${RATE > 0 ? `${RATE} tickets/s` : 'unpaced'}; one sample every ${SAMPLE_S} s</text>
</svg>
`;
}

async function sustained(ctx: AppContext, url: string, dataDir: string, username: string, password: string): Promise<{ samples: Sample[]; csv: string; svg: string }> {
  const port = await freePort();
  const app: Child = startNode('outbox-app', serverCommand().args, { DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', PORTA_SECRET_KEY: BENCH_SECRET_KEY, PORTA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const samples: Sample[] = [];
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor200(`${base}/healthz`, app, performance.now(), 120_000);
    const login = await fetch(`${base}/api/v1/portal/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const loginText = await login.text();
    if (login.status !== 200) throw new Error(`portal login answered ${login.status}: ${loginText}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
    const csrf = (JSON.parse(loginText) as { csrfToken: string }).csrfToken;
    const until = Date.now() + SUSTAINED_MIN * 60_000;
    let created = 0;
    const started = Date.now();
    let issued = 0;
    const poster = async () => {
      while (Date.now() < until) {
        if (RATE > 0) {
          // Paced: request n (of both clients together) leaves at started + n / RATE seconds.
          const due = started + (issued++ * 1000) / RATE;
          if (due > Date.now()) await sleep(due - Date.now());
        }
        const r = await fetch(`${base}/api/v1/portal/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
          body: JSON.stringify({ subject: `Sustained ${created}`, description: 'The outbox bench creates this ticket.', priority: 'high' }),
        });
        const text = await r.text();
        if (r.status !== 201) throw new Error(`ticket create answered ${r.status}: ${text.slice(0, 300)}`);
        created++;
      }
    };
    const t0 = Date.now();
    const sampler = async () => {
      while (Date.now() < until) {
        await sleep(SAMPLE_S * 1000);
        const claimMs = await probeClaim(ctx);
        const scan = await claimPlan(ctx, null);
        const c = await sql<{ rows: string; pending: string; bytes: string }>`
          select (select n_live_tup from pg_stat_user_tables where relid = 'outbox'::regclass) as rows,
                 (select count(*) from outbox where status = 'pending') as pending, pg_total_relation_size('outbox') as bytes`.execute(ctx.db);
        const row = c.rows[0];
        samples.push({ t: Math.round((Date.now() - t0) / 1000), claimMs: round(claimMs, 2), scanMs: round(scan.ms, 3), scanPages: scan.buffers, rows: Number(row?.rows), pending: Number(row?.pending), sizeMiB: round(Number(row?.bytes) / 2 ** 20, 1), tickets: created });
        const last = samples.at(-1);
        console.log(`  t=${last?.t}s claim ${last?.claimMs} ms (scan ${last?.scanMs} ms, ${last?.scanPages} pages), outbox ${last?.rows} rows (${last?.pending} pending), ${last?.sizeMiB} MiB, ${created} tickets`);
      }
    };
    await Promise.all([...Array.from({ length: POSTERS }, poster), sampler()]);
  } finally {
    await app.stop();
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const csv = path.join(RESULTS_DIR, 'outbox-sustained.csv');
  fs.writeFileSync(csv, `t_s,claim_ms,scan_ms,scan_pages,outbox_rows,pending,size_mib,tickets\n${samples.map((s) => `${s.t},${s.claimMs},${s.scanMs},${s.scanPages},${s.rows},${s.pending},${s.sizeMiB},${s.tickets}`).join('\n')}\n`);
  const svg = path.join(RESULTS_DIR, 'outbox-sustained.svg');
  fs.writeFileSync(svg, svgPlot(samples));
  return { samples, csv, svg };
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const why = await postgresUnavailable();
  if (why) {
    writeResult({ name: 'outbox', startedAt, machine: machine(), summary: [`outbox: skipped (${why})`], goalsMet: true, data: { skipped: why } });
    console.log(`outbox: skipped (${why})`);
    return;
  }
  const url = await recreateDatabase(DB);
  const dataDir = tempDir('porta-bench-outbox-');
  // The bench's own connection pool never runs a worker: the measured ones are explicit.
  const config = loadConfig({ DATABASE_URL: url, PORTA_SECRET_KEY: BENCH_SECRET_KEY, PORTA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const { ctx, handle } = await boot(config);
  try {
    await sql`alter table outbox set (autovacuum_enabled = false, toast.autovacuum_enabled = false)`.execute(ctx.db);
    const { tenant } = await createTenantWithAdmin(ctx, { slug: 'bench', name: 'Bench MSP', admin: { name: 'Bench Admin', email: 'admin@bench-msp.example', password: 'bench-admin-password' } });
    console.log(`seeding ${DONE_ROWS} done rows (autovacuum off for outbox)…`);
    const seedS = await seedDone(ctx, tenant.id, DONE_ROWS);
    const before = stats(await measureClaims(ctx, tenant.id, BEFORE_CLAIMS));
    const planBefore = await claimPlan(ctx, tenant.id);
    const v0 = performance.now();
    await vacuumOutbox(ctx.db);
    const vacuumS = (performance.now() - v0) / 1000;
    const planAfterVacuum = await claimPlan(ctx, tenant.id);
    const after = stats(await measureClaims(ctx, tenant.id, CLAIMS));
    const planAfter = await claimPlan(ctx, tenant.id);
    console.log(`claim scan (EXPLAIN ANALYZE, BUFFERS): never vacuumed ${planBefore.buffers} pages ${planBefore.ms} ms; right after VACUUM ${planAfterVacuum.buffers} pages ${planAfterVacuum.ms} ms; ${CLAIMS * BATCH} claims later ${planAfter.buffers} pages ${planAfter.ms} ms`);
    console.log(table(['claim (20 rows)', 'calls', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], [
      ['before: never vacuumed', before.calls, before.p50, before.p95, before.p99, before.max],
      [`after: worker's VACUUM, then ${CLAIMS * BATCH} claimed rows`, after.calls, after.p50, after.p95, after.p99, after.max],
    ]));
    console.log(`seed ${round(seedS, 1)} s, VACUUM ${round(vacuumS, 1)} s`);
    console.log(`idle worker for ${IDLE_S} s…`);
    const idle = await idleCpu(ctx, IDLE_S);
    console.log(`idle worker: ${idle.cpuMs} ms CPU in ${IDLE_S} s = ${round(idle.share * 100, 3)} % of a core (poll every ${idle.pollMs} ms)`);

    let sustainedResult: { samples: number; csv: string; svg: string; maxClaimMs: number; p99ClaimMs: number; p50ClaimMs: number; rate: number; tickets: number; lastRows: number; lastPending: number } | null = null;
    if (SUSTAINED_MIN > 0) {
      const customer = await createCustomer(ctx, tenant.id, { name: 'Bench Customer', domains: [] });
      const { credentials } = await createContact(ctx, tenant.id, 'en', { customerId: customer.id, firstName: 'Bench', lastName: 'Contact', email: 'contact@bench-customer.example', isPrimary: true });
      console.log(`sustained creation for ${SUSTAINED_MIN} min…`);
      const s = await sustained(ctx, url, dataDir, credentials.username, credentials.password);
      const claims = s.samples.map((x) => x.claimMs);
      const last = s.samples.at(-1);
      sustainedResult = { samples: s.samples.length, csv: s.csv, svg: s.svg, maxClaimMs: round(Math.max(...claims), 2), p99ClaimMs: round(percentile(claims, 99), 2), p50ClaimMs: round(percentile(claims, 50), 2), rate: RATE, tickets: last?.tickets ?? 0, lastRows: last?.rows ?? 0, lastPending: last?.pending ?? 0 };
    }

    const claimOk = after.p99 < CLAIM_GOAL_MS;
    const idleOk = idle.share < IDLE_GOAL;
    const summary = [
      `claim with ${DONE_ROWS} done rows, autovacuum off: before p50 ${before.p50} / p99 ${before.p99} ms; after the worker's VACUUM p50 ${after.p50} / p99 ${after.p99} ms (goal < ${CLAIM_GOAL_MS}) ${claimOk ? 'met' : 'NOT met'}`,
      `claim scan pages (load-independent): never vacuumed ${planBefore.buffers}, after VACUUM ${planAfterVacuum.buffers}, ${CLAIMS * BATCH} claims later ${planAfter.buffers}; load average ${machine().loadavg.join(' ')}`,
      `idle worker: ${round(idle.share * 100, 3)} % of a core over ${IDLE_S} s (goal < 1 %) ${idleOk ? 'met' : 'NOT met'}`,
      ...(sustainedResult ? [`sustained ${SUSTAINED_MIN} min at ${sustainedResult.rate > 0 ? `${sustainedResult.rate} tickets/s` : 'full speed'}: ${sustainedResult.tickets} tickets, ${sustainedResult.samples} samples, claim p50 ${sustainedResult.p50ClaimMs} / p99 ${sustainedResult.p99ClaimMs} / max ${sustainedResult.maxClaimMs} ms; at the end ${sustainedResult.lastRows} outbox rows, ${sustainedResult.lastPending} pending; ${sustainedResult.csv}, ${sustainedResult.svg}`] : []),
    ];
    writeResult({ name: 'outbox', startedAt, machine: machine(), summary, goalsMet: claimOk && idleOk, data: { doneRows: DONE_ROWS, seedS: round(seedS, 1), vacuumS: round(vacuumS, 1), before, after, planBefore, planAfterVacuum, planAfter, idle, sustained: sustainedResult } });
    for (const l of summary) console.log(l);
  } finally {
    await handle.close();
    await dropDatabase(DB);
    removeDir(dataDir);
  }
}

runMain(main, (SUSTAINED_MIN + 30) * 60_000);
