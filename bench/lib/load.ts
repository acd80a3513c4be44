/**
 * Load generation and metering shared by the HTTP benchmarks: wrk runs (lib/wrk.ts) with the
 * CPU each side spent per request (server process from /proc, PostgreSQL backends of the bench
 * database via pg_stat_activity, the load generator itself) and the server's event-loop
 * thread's run and run-queue time (schedstat).
 */
import fs from 'node:fs';
import pg from 'pg';
import { runWrk } from './wrk.ts';
import { median, round } from './common.ts';
import type { CapturedQuery } from './app-sql.ts';
import { databaseUrl } from './postgres.ts';

const CLK_TCK = 100;

export interface Shot {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  meanMs: number;
  requests: number;
  /** CPU time of the server process (all its threads) per request, µs; of which in the kernel. */
  cpuUsPerReq: number;
  sysUsPerReq: number;
  /** CPU of the PostgreSQL backends serving the bench database per request, µs (PostgreSQL only). */
  dbCpuUsPerReq: number | null;
  /** CPU of the load generator (wrk) per request, µs: when it is large the host, not the server, was the limit. */
  loadGenUsPerReq: number;
  /**
   * The server's main (event-loop) thread, from /proc/<pid>/task/<pid>/schedstat: share of the
   * wall time it was running or runnable-but-waiting for a core (1 = the event loop never
   * idles: it is the bottleneck), and its run-queue wait per request, µs.
   */
  mainThreadBusy: number;
  mainWaitUsPerReq: number;
}

/** Nanoseconds on a core and waiting for one, of one thread. */
export function schedstat(pid: number, tid = pid): { runNs: number; waitNs: number } {
  const [run, wait] = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
  return { runNs: run ?? 0, waitNs: wait ?? 0 };
}

/** CPU ticks of the PostgreSQL backends connected to one database, read from /proc. */
export class BackendMeter {
  private constructor(
    private readonly client: pg.Client,
    private readonly database: string,
  ) {}

  static async open(database: string): Promise<BackendMeter> {
    const client = new pg.Client({ connectionString: databaseUrl('postgres'), connectionTimeoutMillis: 3000 });
    await client.connect();
    return new BackendMeter(client, database);
  }

  async snapshot(): Promise<Map<number, number>> {
    const r = await this.client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [this.database]);
    const out = new Map<number, number>();
    for (const { pid } of r.rows) {
      try {
        const t = cpuTicks(pid);
        out.set(pid, t.user + t.sys);
      } catch {
        /* ended meanwhile */
      }
    }
    return out;
  }

  static seconds(before: Map<number, number>, after: Map<number, number>): number {
    let ticks = 0;
    for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
    return ticks / CLK_TCK;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** User and system CPU ticks of a process, all threads (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuTicks(pid: number): { user: number; sys: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]), sys: Number(fields[12]) };
}

export interface ShotOptions {
  url: string;
  headers: Record<string, string>;
  durationS: number;
  connections: number;
  /** The server process to meter. */
  pid: number;
  /** PostgreSQL backends to meter (null on PGlite, where the database runs in the server). */
  meter: BackendMeter | null;
  method?: 'GET' | 'POST';
  body?: string;
}

/** One wrk run against one variant, with the server's and the database's CPU per request. Any non-2xx answer or socket error fails it. */
export async function shoot({ url, headers, durationS, connections, pid, meter, method = 'GET', body }: ShotOptions): Promise<Shot> {
  const db0 = meter ? await meter.snapshot() : null;
  const c0 = cpuTicks(pid);
  const s0 = schedstat(pid);
  const w0 = performance.now();
  const r = await runWrk({ url, connections, durationS, headers, method, ...(body !== undefined && { body }) });
  const wallNs = (performance.now() - w0) * 1e6;
  const s1 = schedstat(pid);
  const c1 = cpuTicks(pid);
  const dbSeconds = meter && db0 ? BackendMeter.seconds(db0, await meter.snapshot()) : null;
  const user = (c1.user - c0.user) / CLK_TCK;
  const sys = (c1.sys - c0.sys) / CLK_TCK;
  if (r.socketErrors > 0 || r.non2xx > 0) throw new Error(`${url}: ${r.socketErrors} socket errors or timeouts, ${r.non2xx} non-2xx answers`);
  const ok = r.requests;
  return {
    rps: r.rps,
    p50: r.p50,
    p90: r.p90,
    p99: r.p99,
    meanMs: r.meanMs,
    requests: ok,
    cpuUsPerReq: ok > 0 ? round(((user + sys) * 1e6) / ok) : Number.NaN,
    sysUsPerReq: ok > 0 ? round((sys * 1e6) / ok) : Number.NaN,
    dbCpuUsPerReq: dbSeconds === null || ok === 0 ? null : round((dbSeconds * 1e6) / ok),
    loadGenUsPerReq: ok > 0 ? round((r.cpuS * 1e6) / ok) : Number.NaN,
    mainThreadBusy: round((s1.runNs - s0.runNs + (s1.waitNs - s0.waitNs)) / wallNs, 2),
    mainWaitUsPerReq: ok > 0 ? round((s1.waitNs - s0.waitNs) / 1000 / ok) : Number.NaN,
  };
}


export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

/** Mean µs of one call of `fn`, after a warm-up (in this process, no I/O). */
export function microUs(fn: () => unknown, iterations = 3000): number {
  for (let i = 0; i < 300; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return round(((performance.now() - t0) * 1000) / iterations, 1);
}

export interface Medians {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  cpuUsPerReq: number;
  sysUsPerReq: number;
  dbCpuUsPerReq: number | null;
  loadGenUsPerReq: number;
  mainThreadBusy: number;
  mainWaitUsPerReq: number;
}

/** Per-field medians of one variant's shots over the rounds. */
export function mediansOf(shots: Shot[]): Medians {
  const m = (f: (s: Shot) => number) => median(shots.map(f));
  return {
    rps: round(m((s) => s.rps)),
    p50: round(m((s) => s.p50), 2),
    p90: round(m((s) => s.p90), 2),
    p99: round(m((s) => s.p99), 2),
    cpuUsPerReq: round(m((s) => s.cpuUsPerReq)),
    sysUsPerReq: round(m((s) => s.sysUsPerReq)),
    dbCpuUsPerReq: shots.some((s) => s.dbCpuUsPerReq === null) ? null : round(m((s) => s.dbCpuUsPerReq ?? 0)),
    loadGenUsPerReq: round(m((s) => s.loadGenUsPerReq)),
    mainThreadBusy: round(m((s) => s.mainThreadBusy), 2),
    mainWaitUsPerReq: round(m((s) => s.mainWaitUsPerReq)),
  };
}

/**
 * PostgreSQL CPU (user + system of the backend process) per run of one query sent as a named
 * statement, as the app's pool sends it (platform/db/named-statements.ts): µs, over `runs` runs
 * after a warm-up (the plan kept by then). PostgreSQL only: the backend must be a process of
 * its own on this machine. The clock tick is 10 ms: over 1,500 runs a tick is ~7 µs a run, so
 * small statements are read coarsely (the floor's ~20 µs is three ticks).
 */
let namedRuns = 0;
export async function backendCpuPerRun(pool: pg.Pool, q: CapturedQuery, runs: number): Promise<number> {
  const client = await pool.connect();
  try {
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
    if (pid === undefined) throw new Error('no backend pid');
    const config = { name: `bench_cpu_${++namedRuns}`, text: q.sql, values: q.parameters };
    for (let i = 0; i < 200; i++) await client.query(config);
    const before = cpuTicks(pid);
    for (let i = 0; i < runs; i++) await client.query(config);
    const after = cpuTicks(pid);
    return round(((after.user + after.sys - before.user - before.sys) / CLK_TCK / runs) * 1e6);
  } finally {
    client.release();
  }
}

export interface SqlCost {
  query: string;
  /** Median server-side execution time (EXPLAIN ANALYZE), ms. */
  executionMs: number;
  planningMs: number;
  /** Median wall time of one round trip from this process through `pg`, ms. */
  roundTripMs: number;
}

/** Median server-side execution and planning time (EXPLAIN ANALYZE) and client round trip of one query. */
export async function timeSql(pool: pg.Pool, q: CapturedQuery, label: string, runs = 30): Promise<SqlCost> {
  const exec: number[] = [];
  const plan: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < 5; i++) await pool.query(q.sql, q.parameters);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await pool.query(q.sql, q.parameters);
    wall.push(performance.now() - t0);
    const r = await pool.query<{ 'QUERY PLAN': [{ 'Execution Time': number; 'Planning Time': number }] }>(`explain (analyze, format json) ${q.sql}`, q.parameters);
    const p = r.rows[0]?.['QUERY PLAN'][0];
    if (p) {
      exec.push(p['Execution Time']);
      plan.push(p['Planning Time']);
    }
  }
  return { query: label, executionMs: round(median(exec), 3), planningMs: round(median(plan), 3), roundTripMs: round(median(wall), 3) };
}
