/**
 * `wrk` (a C load generator, Debian package `wrk`) as the benches' load generator: on a 2-core
 * host a Node generator (autocannon) takes most of a core itself and squeezes every ratio
 * toward 1. Headers go as `-H`; method and body through a Lua script written for the run;
 * `--latency` gives the p50/p75/p90/p99 this module parses. Its CPU time is read from this
 * process's reaped-children counters (/proc/self/stat cutime + cstime), so the load generator's
 * own cost per request can be printed beside the server's.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLK_TCK = 100;
export const WRK = process.env.BENCH_WRK ?? 'wrk';
/** wrk threads: one keeps the generator's share of a 2-core host small; BENCH_WRK_THREADS changes it. */
const THREADS = Number(process.env.BENCH_WRK_THREADS ?? 1);

export interface WrkRun {
  requests: number;
  durationS: number;
  rps: number;
  p50: number;
  p75: number;
  p90: number;
  p99: number;
  meanMs: number;
  non2xx: number;
  socketErrors: number;
  /** CPU seconds wrk used (user + system). */
  cpuS: number;
}

export interface WrkOptions {
  url: string;
  headers: Record<string, string>;
  durationS: number;
  connections: number;
  method?: 'GET' | 'POST';
  body?: string;
}

/** Fails with how to install wrk when it is missing. */
export function assertWrk(): void {
  const r = spawnSync(WRK, ['--version'], { encoding: 'utf8' });
  if (r.error) throw new Error(`the load generator wrk is missing (${r.error.message}): install it with \`apt-get install -y wrk\` (Debian/Ubuntu) or set BENCH_WRK to its path`);
}

/** Reaped children's CPU seconds of this process (fields 16 and 17 of /proc/self/stat). */
function childrenCpuS(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / CLK_TCK;
}

/** A Lua long string that cannot be closed by the text inside it. */
function luaString(text: string): string {
  let level = '';
  while (text.includes(`]${level}]`)) level += '=';
  // A long string drops a newline right after its opening bracket: start with one so a body's own first newline survives.
  return `[${level}[\n${text}]${level}]`;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function ms(value: string | undefined, unit: string | undefined): number {
  const f = UNIT_MS[unit ?? ''];
  if (value === undefined || f === undefined) return Number.NaN;
  return Math.round(Number(value) * f * 1000) / 1000;
}

/** Parses wrk's report (with --latency). Exported for the bench's self-check. */
export function parseWrk(out: string): Omit<WrkRun, 'cpuS'> {
  const pct = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(out);
    return ms(m?.[1], m?.[2]);
  };
  const total = /^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)/m.exec(out);
  const avg = /^\s*Latency\s+([\d.]+)(us|ms|s|m|h)/m.exec(out);
  const non2xx = /Non-2xx or 3xx responses:\s*(\d+)/.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  if (!total) throw new Error(`could not read wrk's report:\n${out}`);
  const requests = Number(total[1]);
  const durationS = ms(total[2], total[3]) / 1000;
  return {
    requests,
    durationS,
    rps: Math.round(requests / durationS),
    p50: pct('50'),
    p75: pct('75'),
    p90: pct('90'),
    p99: pct('99'),
    meanMs: ms(avg?.[1], avg?.[2]),
    non2xx: Number(non2xx?.[1] ?? 0),
    socketErrors: sock ? sock.slice(1).reduce((n, v) => n + Number(v), 0) : 0,
  };
}

/** One wrk run; resolves when wrk has exited (and been reaped, so its CPU is counted). */
export async function runWrk({ url, headers, durationS, connections, method = 'GET', body }: WrkOptions): Promise<WrkRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-bench-wrk-'));
  try {
    const args = ['-t', String(Math.min(THREADS, connections)), '-c', String(connections), '-d', `${durationS}s`, '--timeout', '10s', '--latency'];
    for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
    if (method !== 'GET' || body !== undefined) {
      const script = path.join(dir, 'request.lua');
      fs.writeFileSync(script, `wrk.method = "${method}"\n${body === undefined ? '' : `wrk.body = ${luaString(body)}\n`}`);
      args.push('-s', script);
    }
    args.push(url);
    const cpu0 = childrenCpuS();
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      p.stdout.on('data', (d: Buffer) => (text += d.toString()));
      p.stderr.on('data', (d: Buffer) => (text += d.toString()));
      p.once('error', (e) => reject(new Error(`wrk could not start (${e.message}): install it with \`apt-get install -y wrk\` or set BENCH_WRK to its path`)));
      p.once('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
    });
    return { ...parseWrk(out), cpuS: childrenCpuS() - cpu0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
