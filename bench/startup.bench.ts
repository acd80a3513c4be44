/**
 * Start-up: from spawning the real server to the first 200 from GET /healthz, on a new
 * and on an existing data dir (PGlite), 3 runs each alternated, medians; RSS of the server
 * process (PGlite's worker thread included) one second after it answered.
 * PostgreSQL (new and existing database) is measured too, for information.
 * Goals: existing data dir < 2 s, new data dir < 10 s.
 */
import {
  BENCH_SETUP_TOKEN,
  freePort,
  machine,
  median,
  memoryOf,
  removeDir,
  round,
  runMain,
  serverCommand,
  type ServerCommand,
  sleep,
  startNode,
  table,
  tempDir,
  waitFor200,
  writeResult,
} from './lib/common.ts';
import { dropDatabase, postgresUnavailable, recreateDatabase } from './lib/postgres.ts';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const GOAL_EXISTING_MS = 2000;
const GOAL_NEW_MS = 10_000;
const PG_DB_EXISTING = 'porta_bench_start';
const PG_DB_NEW = 'porta_bench_start_new';

interface Run {
  ms: number;
  rssMiB: number;
  peakMiB: number;
  stopMs: number;
}

type Target = { dataDir: string } | { databaseUrl: string } | { baseline: true };

/**
 * The machine's speed right now: a bare Fastify process answering 200, started the same way.
 * Start-up goals are absolute, but this row, measured in the same rounds, tells a slow run
 * of a noisy host from a slow server.
 */
const BASELINE: ServerCommand = {
  mode: 'dist',
  args: [
    '--input-type=module',
    '-e',
    "import Fastify from 'fastify'; const app = Fastify(); app.get('/healthz', async () => ({ status: 'ok' })); await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });",
  ],
  note: 'bare Fastify process',
};

async function startOnce(cmd: ServerCommand, label: string, target: Target, afterReady?: (base: string) => Promise<void>): Promise<Run> {
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PORTA_SETUP_TOKEN: BENCH_SETUP_TOKEN,
    LOG_LEVEL: 'warn',
    ...('dataDir' in target ? { PORTA_DATA_DIR: target.dataDir } : 'databaseUrl' in target ? { DATABASE_URL: target.databaseUrl } : {}),
  };
  const t0 = performance.now();
  const child = startNode(`startup-${label}`, cmd.args, env);
  try {
    const ms = await waitFor200(`http://127.0.0.1:${port}/healthz`, child, t0, 60_000);
    await sleep(1000);
    const mem = memoryOf(child.pid);
    if (afterReady) await afterReady(`http://127.0.0.1:${port}`);
    const s0 = performance.now();
    await child.stop();
    return { ms: round(ms), ...mem, stopMs: round(performance.now() - s0) };
  } finally {
    await child.stop();
  }
}

/** Completes setup once, so the "existing" data dir holds a tenant and an admin, as in use. */
async function completeSetup(base: string): Promise<void> {
  const res = await fetch(`${base}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: BENCH_SETUP_TOKEN,
      tenant: { slug: 'bench', name: 'Bench MSP' },
      admin: { name: 'Bench Admin', email: 'admin@bench.example', password: 'bench-password-123' },
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`setup answered ${res.status}: ${await res.text()}`);
}

interface Series {
  engine: 'pglite' | 'postgres' | 'baseline';
  state: 'new' | 'existing';
  runs: Run[];
  goalMs: number | null;
}

function summarise(s: Series) {
  const ms = median(s.runs.map((r) => r.ms));
  return {
    ...s,
    medianMs: ms,
    medianRssMiB: median(s.runs.map((r) => r.rssMiB)),
    medianPeakMiB: median(s.runs.map((r) => r.peakMiB)),
    medianStopMs: median(s.runs.map((r) => r.stopMs)),
    met: s.goalMs === null ? null : ms < s.goalMs,
  };
}

async function main(): Promise<void> {
  const cmd = serverCommand();
  const startedAt = new Date().toISOString();
  console.log(`startup: ${RUNS} runs each, alternated; server: ${cmd.note}`);
  const series: Series[] = [];

  // PGlite. The warm-up start (not counted) fills the OS and tsx caches and completes
  // setup, so the "existing" dir is a set-up installation.
  const existingDir = tempDir('start-existing');
  const pgliteNew: Series = { engine: 'pglite', state: 'new', runs: [], goalMs: GOAL_NEW_MS };
  const pgliteExisting: Series = { engine: 'pglite', state: 'existing', runs: [], goalMs: GOAL_EXISTING_MS };
  const baseline: Series = { engine: 'baseline', state: 'new', runs: [], goalMs: null };
  try {
    process.stdout.write('  pglite warm-up (new dir + setup)… ');
    const w = await startOnce(cmd, 'pglite-warmup', { dataDir: existingDir }, completeSetup);
    console.log(`${w.ms} ms`);
    for (let i = 0; i < RUNS; i++) {
      const dir = tempDir('start-new');
      try {
        const b = await startOnce(BASELINE, `baseline-${i}`, { baseline: true });
        baseline.runs.push(b);
        const n = await startOnce(cmd, `pglite-new-${i}`, { dataDir: dir });
        pgliteNew.runs.push(n);
        const e = await startOnce(cmd, `pglite-existing-${i}`, { dataDir: existingDir });
        pgliteExisting.runs.push(e);
        console.log(`  pglite round ${i + 1}: new ${n.ms} ms (${n.rssMiB} MiB), existing ${e.ms} ms (${e.rssMiB} MiB); bare Fastify process ${b.ms} ms`);
      } finally {
        removeDir(dir);
      }
    }
  } finally {
    removeDir(existingDir);
  }
  series.push(baseline, pgliteNew, pgliteExisting);

  const pgSkip = await postgresUnavailable();
  if (pgSkip) {
    console.log(`  postgres: skipped (${pgSkip})`);
  } else {
    const pgNew: Series = { engine: 'postgres', state: 'new', runs: [], goalMs: null };
    const pgExisting: Series = { engine: 'postgres', state: 'existing', runs: [], goalMs: null };
    try {
      const existingUrl = await recreateDatabase(PG_DB_EXISTING);
      await startOnce(cmd, 'postgres-warmup', { databaseUrl: existingUrl }, completeSetup);
      for (let i = 0; i < RUNS; i++) {
        const newUrl = await recreateDatabase(PG_DB_NEW);
        const n = await startOnce(cmd, `postgres-new-${i}`, { databaseUrl: newUrl });
        pgNew.runs.push(n);
        const e = await startOnce(cmd, `postgres-existing-${i}`, { databaseUrl: existingUrl });
        pgExisting.runs.push(e);
        console.log(`  postgres round ${i + 1}: new ${n.ms} ms (${n.rssMiB} MiB), existing ${e.ms} ms (${e.rssMiB} MiB)`);
      }
    } finally {
      await dropDatabase(PG_DB_NEW);
      await dropDatabase(PG_DB_EXISTING);
    }
    series.push(pgNew, pgExisting);
  }

  const rows = series.map(summarise);
  const baseMs = rows[0]?.medianMs ?? Number.NaN;
  console.log('');
  console.log(
    table(
      ['engine / data', 'runs (ms)', 'median to 200', '× bare Fastify', 'goal', 'met', 'RSS MiB', 'peak MiB', 'stop ms'],
      rows.map((r) => [
        r.engine === 'baseline' ? 'baseline: bare Fastify process' : `${r.engine} ${r.state}${r.engine === 'pglite' ? ' dir' : ' db'}`,
        r.runs.map((x) => x.ms).join(', '),
        `${r.medianMs} ms`,
        round(r.medianMs / baseMs, 1),
        r.goalMs === null ? '-' : `< ${r.goalMs} ms`,
        r.met === null ? '-' : r.met ? 'yes' : 'NO',
        r.medianRssMiB,
        r.medianPeakMiB,
        r.medianStopMs,
      ]),
    ),
  );
  console.log(`server: ${cmd.note}`);
  const goalsMet = rows.every((r) => r.met !== false);
  const summary = rows.map(
    (r) =>
      `startup ${r.engine === 'baseline' ? 'baseline (bare Fastify process)' : `${r.engine} ${r.state}`}: median ${r.medianMs} ms to first /healthz 200` +
      (r.goalMs === null ? '' : ` (goal < ${r.goalMs} ms: ${r.met ? 'met' : 'NOT met'})`) +
      `, RSS ${r.medianRssMiB} MiB`,
  );
  summary.push(`startup server command: ${cmd.mode}`);
  const file = writeResult({ name: 'startup', startedAt, machine: machine(), summary, goalsMet, data: { server: cmd, runs: RUNS, series: rows } });
  console.log(`wrote ${file}`);
}

runMain(main, 5 * 60_000);
