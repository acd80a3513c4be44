// `npm run bench`: runs every bench/*.bench.ts in its own Node process (TypeScript via tsx),
// one after another, then prints a combined summary from bench/results/<name>.json.
//   npm run bench                    all of them (startup, contacts-list, tickets, …)
//   npm run bench -- contacts-list   only the named ones (`-- tickets`, `-- startup tickets`)
// Figures are only comparable within one run: see bench/README.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const benchDir = import.meta.dirname;
const root = path.resolve(benchDir, '..');
const resultsDir = path.join(benchDir, 'results');
/** Each benchmark is stopped after this long (BENCH_TIMEOUT_MIN overrides; the 50,000-article KB run takes longer on a loaded host). */
const PER_BENCH_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MIN ?? 10) * 60_000;

const all = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort((a, b) => (a === 'startup' ? -1 : b === 'startup' ? 1 : a.localeCompare(b)));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
const names = wanted.length > 0 ? all.filter((n) => wanted.includes(n)) : all;

let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current) current.kill(sig);
    process.exit(130);
  });
}

function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(benchDir, `${name}.bench.ts`)], { cwd: root, stdio: 'inherit' });
    current = child;
    const timer = setTimeout(() => {
      console.error(`\n${name}: still running after ${PER_BENCH_TIMEOUT_MS / 60_000} min, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, PER_BENCH_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = null;
      resolve({ name, ok: code === 0, code: code ?? signal, seconds: Math.round((Date.now() - started) / 1000) });
    });
  });
}

const outcomes = [];
for (const name of names) {
  console.log(`\n${'#'.repeat(20)} bench/${name} ${'#'.repeat(20)}`);
  // A stale result from an earlier run must not pass for this run's.
  fs.rmSync(path.join(resultsDir, `${name}.json`), { force: true });
  outcomes.push(await run(name));
}

console.log(`\n${'='.repeat(24)} benchmark summary ${'='.repeat(24)}`);
let failed = 0;
let goalsMissed = 0;
for (const o of outcomes) {
  const file = path.join(resultsDir, `${o.name}.json`);
  if (!o.ok || !fs.existsSync(file)) {
    failed++;
    console.log(`${o.name}: FAILED (exit ${o.code}) after ${o.seconds} s`);
    continue;
  }
  const result = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!result.goalsMet) goalsMissed++;
  console.log(`${o.name} (${o.seconds} s, goals ${result.goalsMet ? 'met' : 'NOT all met'}):`);
  for (const line of result.summary) console.log(`  ${line}`);
}
console.log(`\n${outcomes.length - failed} benchmark(s) ran, ${failed} failed, ${goalsMissed} with goals not met; JSON in bench/results/`);
process.exit(failed > 0 ? 1 : 0);
