/**
 * Summarises a V8 .cpuprofile (from BENCH_PROFILE=1 npm run bench, or node --cpu-prof):
 * self time by package / source area and the hottest functions.
 *
 *   npx tsx bench/profile-summary.ts bench/results/profiles/app-postgres-….cpuprofile [top=25] [fnA,fnB,…]
 *
 * The optional third argument lists function names whose inclusive time (the samples with
 * that function anywhere on the stack) is printed too.
 */
import fs from 'node:fs';
import { table } from './lib/common.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/').slice(0, 2).join('/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  const src = /(apps\/[^/]+\/(?:src|dist)\/.*|packages\/[^/]+\/src\/.*|bench\/.*)$/.exec(url);
  return src?.[1]?.replace(/\/[^/]+$/, '/') ?? url;
}

function main(): void {
  const file = process.argv[2];
  const top = Number(process.argv[3] ?? 25);
  if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [top]');
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const totalHits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const ms = (profile.endTime - profile.startTime) / 1000;
  const perHit = totalHits > 0 ? ms / totalHits : 0;
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + hits);
    const key = `${functionName || '(anonymous)'}  ${url ? `${url.replace(/^.*?(node_modules|apps|packages)\//, '$1/')}:${lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + hits);
  }
  const pct = (h: number) => `${((100 * h) / totalHits).toFixed(1)}%`;
  const idle = (byArea.get('(idle)') ?? 0) + (byArea.get('(program)') ?? 0);
  console.log(`${file}: ${round1(ms / 1000)} s profiled, ${round1((100 * (totalHits - idle)) / Math.max(totalHits, 1))}% busy (not idle/program)`);
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, top);
  console.log('\nself time by area');
  console.log(table(['area', 'self', 'ms'], sorted(byArea).map(([k, h]) => [k, pct(h), Math.round(h * perHit)])));
  console.log('\nhottest functions (self time)');
  console.log(table(['function', 'self', 'ms'], sorted(byFn).map(([k, h]) => [k.slice(0, 120), pct(h), Math.round(h * perHit)])));
  const names = process.argv[4]?.split(',').filter(Boolean) ?? [];
  if (names.length > 0) {
    const busyMs = (totalHits - idle) * perHit;
    console.log('\ninclusive time (synchronous stretches with the function on the stack)');
    console.log(table(['function', 'ms', 'of busy'], [...inclusive(profile, names)].map(([k, v]) => [k, Math.round(v), `${((100 * v) / busyMs).toFixed(1)}%`])));
  }
}

/** Sampled time with each named function anywhere on the stack (each sample counted once per name). */
function inclusive(profile: Profile, names: string[]): Map<string, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>(names.map((n) => [n, 0]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const seen = new Set<string>();
    let id: number | undefined = samples[i];
    for (let depth = 0; id !== undefined && depth < 200; depth++) {
      const fn = byId.get(id)?.callFrame.functionName ?? '';
      if (out.has(fn)) seen.add(fn);
      id = parent.get(id);
    }
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    for (const fn of seen) out.set(fn, (out.get(fn) ?? 0) + dt);
  }
  return out;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

main();
