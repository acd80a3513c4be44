/**
 * Shared helpers for the benchmarks: server processes, ports, RSS, medians, tables and
 * result files. Every wait here is bounded in time; every child is ended by its own pid.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SERVER_NODE_ARGS } from '../../scripts/node-args.mjs';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The node arguments the server runs with everywhere (apps/server/node-args.json), for the app and the bare baselines alike. */
export { SERVER_NODE_ARGS };
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
/** A fixed master key: the seeding process and the servers must derive the same keys. */
export const BENCH_SECRET_KEY = 'porta-bench-secret-key-0123456789abcdef';
export const BENCH_SETUP_TOKEN = 'porta-bench-setup-token-0123456789';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A port free right now on 127.0.0.1 (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `porta-bench-${prefix}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.includes(`${path.sep}node_modules${path.sep}`)) continue;
    newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export interface ServerCommand {
  /** `dist` (the bundle `npm start` runs) or `tsx` (the sources, when no bundle can be had). */
  mode: 'dist' | 'tsx';
  args: string[];
  note: string;
}

const DIST = path.join(ROOT, 'apps/server/dist/main.js');
const SOURCES = ['apps/server/src', 'packages/contracts/src', 'packages/i18n/src', 'packages/i18n/locales'];

function distFresh(): boolean {
  if (!fs.existsSync(DIST)) return false;
  const built = fs.statSync(DIST).mtimeMs;
  return SOURCES.every((d) => newestMtime(path.join(ROOT, d)) <= built);
}

/**
 * The real server as `npm start` runs it: `node apps/server/dist/main.js`, built first with
 * `npm run build -w @porta/server` when missing or older than its sources. If it cannot be
 * built, the sources through tsx: `node --import tsx` is what `npx tsx` runs in the end,
 * without npx's and tsx's wrapper processes, so the pid we watch is the server itself.
 * BENCH_SERVER=dist|tsx forces one (dist: no build attempted).
 */
export function serverCommand(): ServerCommand {
  const forced = process.env.BENCH_SERVER;
  const dist: ServerCommand = { mode: 'dist', args: [...SERVER_NODE_ARGS, DIST], note: `node ${SERVER_NODE_ARGS.join(' ')} apps/server/dist/main.js (the bundle npm start runs, with its arguments)` };
  const tsx = (why: string): ServerCommand => ({
    mode: 'tsx',
    args: ['--import', 'tsx', path.join(ROOT, 'apps/server/src/main.ts')],
    note: `node --import tsx apps/server/src/main.ts (npx tsx without its wrapper processes; ${why})`,
  });
  if (forced === 'tsx') return tsx('BENCH_SERVER=tsx');
  if (forced === 'dist') return dist;
  if (distFresh()) return dist;
  if (!fs.existsSync(path.join(ROOT, 'apps/server/build.mjs'))) return tsx('no server build script yet');
  const r = spawnSync('npm', ['run', 'build', '-w', '@porta/server'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status === 0 && fs.existsSync(DIST)) return { ...dist, note: `${dist.note}, rebuilt by the bench` };
  return tsx(`the server build failed: ${(r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n').slice(-3).join(' ')}`);
}

export interface Child {
  proc: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  tail(lines?: number): string;
}

const live = new Set<Child>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // Children we started do not outlive us, whatever the way out.
  process.on('exit', () => {
    for (const c of live) {
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => process.exit(130));
  }
}

/** Starts `node <args>` with its output in a log file under bench/results/logs. */
export function startNode(name: string, args: string[], env: Record<string, string>): Child {
  hookExit();
  const logDir = path.join(RESULTS_DIR, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const fd = fs.openSync(logFile, 'w');
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    // A bench drives one person at thousands of requests a second: lift the per-person request-rate
    // limits (platform/http/rate-limits.ts) so they measure the server, not the limiter.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: 'production', PORTA_RATE_LIMIT_FACTOR: '100000', ...env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  if (proc.pid === undefined) throw new Error(`could not start ${name}`);
  const pid = proc.pid;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const child: Child = {
    proc,
    pid,
    logFile,
    exited,
    async stop(graceMs = 8000) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        live.delete(child);
        return;
      }
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      live.delete(child);
    },
    tail(lines = 20) {
      try {
        return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
  };
  live.add(child);
  return child;
}

/** Polls `url` until it answers 200; returns the ms from `t0` (performance.now()) to that answer. */
export async function waitFor200(url: string, child: Child, t0: number, timeoutMs = 60_000, everyMs = 10): Promise<number> {
  const deadline = t0 + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((c) => {
    exitCode = c;
  });
  while (performance.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server exited (code ${exitCode}) before ${url} answered:\n${child.tail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - t0;
    } catch {
      /* not listening yet */
    }
    await sleep(everyMs);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${child.tail()}`);
}

/** VmRSS and VmHWM of a process in MiB (threads such as the PGlite worker included). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: round(kb('VmRSS') / 1024, 1), peakMiB: round(kb('VmHWM') / 1024, 1) };
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

export interface BenchResult {
  name: string;
  startedAt: string;
  machine: { cpus: number; node: string; loadavg: number[] };
  /** One line each, printed by bench/run.mjs in the combined summary. */
  summary: string[];
  /** False when a stated goal is missed (the run still succeeds). */
  goalsMet: boolean;
  data: unknown;
}

export function machine(): BenchResult['machine'] {
  return { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => round(l, 2)) };
}

export function writeResult(result: BenchResult): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** Runs a bench's main, with a hard deadline so a hung child cannot hold `npm run bench`. */
export function runMain(main: () => Promise<void>, deadlineMs: number): void {
  const timer = setTimeout(() => {
    process.stderr.write(`\nbench: gave up after ${deadlineMs / 1000} s\n`);
    process.exit(2);
  }, deadlineMs);
  timer.unref();
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}

/**
 * A bare baseline server (bench/*-bare-server.ts) bundled as the app is (esbuild, ESM, npm
 * packages external, `@porta/*` bundled in), so baseline and app run the same kind of code:
 * answers the node arguments that start it, like `serverCommand().args`.
 */
export async function bundledBare(entry: string): Promise<string[]> {
  const { build } = await import('esbuild');
  // Under node_modules, so the bundle's npm imports resolve from the repository's node_modules.
  const outdir = path.join(ROOT, 'node_modules/.cache/porta-bench');
  const name = path.basename(entry).replace(/\.ts$/, '');
  await build({
    // The PGlite worker beside it, as the app's build ships it (embedded.ts loads ./pglite-worker.js).
    entryPoints: { [name]: path.join(ROOT, entry), 'pglite-worker': path.join(ROOT, 'apps/server/src/platform/db/pglite-worker.ts') },
    outdir,
    outExtension: { '.js': '.js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
    plugins: [
      {
        name: 'externalise-npm-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@porta/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  // ESM: package scopes end at node_modules, so the directory says so itself.
  fs.writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
  return [...SERVER_NODE_ARGS, path.join(outdir, `${name}.js`)];
}
