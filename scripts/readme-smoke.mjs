// README smoke test (CI step): on a clean clone of HEAD, run the commands README.md gives a
// new user, exactly as written, and check that Porta answers after each start:
//   quick start (`npm ci && npm start`) -> /healthz 200 -> stop -> `npm start` -> 200 -> stop
//   -> `npm run demo` -> `npm start` -> 200 -> stop.
// The commands are read from README.md itself (the first sh block of "Quick start" and the
// `npm start` / `npm run demo` rows of "Commands"), so the test fails when README drifts.
// Every start uses the default data directory (./data of the fresh clone) and PORT
// (README_SMOKE_PORT, default 3310). Stopping is Ctrl-C: SIGINT to the process group; it must
// exit within a bound, free the port and release the data-dir lock. Ends with one
// `N passed, N failed` line.
/* global AbortSignal */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.README_SMOKE_PORT ?? 3310);
const INSTALL_AND_START_MS = 20 * 60_000;
const START_MS = 5 * 60_000;
const DEMO_MS = 5 * 60_000;
const STOP_MS = 30_000;

let passed = 0;
let failed = 0;
const step = (text) => console.log(`\n[readme-smoke] ${text}`);
const ok = (text) => {
  passed++;
  console.log(`[readme-smoke] ok: ${text}`);
};
const fail = (text) => {
  failed++;
  console.log(`[readme-smoke] FAILED: ${text}`);
};

/** The commands README.md gives, or an error naming what is missing. */
function readmeCommands() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const quick = /## Quick start\s+```sh\n([^\n]+)\n```/.exec(readme)?.[1]?.trim();
  const rows = new Map([...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => [m[1], true]));
  const missing = [];
  if (!quick || !/\bnpm start\b/.test(quick)) missing.push('the Quick start block with `npm start`');
  if (!rows.has('npm start')) missing.push('the Commands row `npm start`');
  if (!rows.has('npm run demo')) missing.push('the Commands row `npm run demo`');
  if (missing.length > 0) throw new Error(`README.md no longer has ${missing.join(', ')}`);
  return { quickStart: quick, start: 'npm start', demo: 'npm run demo' };
}

const children = new Set();
/** Runs a shell command line in its own process group (as a terminal would). */
function shell(cwd, line, env) {
  console.log(`[readme-smoke] $ ${line}`);
  const child = spawn('sh', ['-c', line], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    children.delete(child);
    resolve({ code, signal });
  }));
  return { child, exited, output: () => output };
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const timeout = (ms) => sleep(ms).then(() => 'timeout');

async function healthz() {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
    return res.status;
  } catch {
    return null;
  }
}

/** Waits for /healthz 200 while the command runs; false when it exits or time runs out. */
async function waitHealthy(run, ms) {
  const deadline = Date.now() + ms;
  let ended = false;
  void run.exited.then(() => (ended = true));
  while (Date.now() < deadline && !ended) {
    if ((await healthz()) === 200) return true;
    await sleep(1000);
  }
  return false;
}

/** Ctrl-C: SIGINT to the group; it must end in time, free the port and the data-dir lock. */
async function stop(run, clone, label) {
  killGroup(run.child, 'SIGINT');
  const result = await Promise.race([run.exited, timeout(STOP_MS)]);
  if (result === 'timeout') {
    killGroup(run.child, 'SIGKILL');
    return fail(`${label}: still running ${STOP_MS / 1000} s after SIGINT`);
  }
  const clean = result.code === 0 || result.code === 130 || result.signal === 'SIGINT';
  if (!clean) return fail(`${label}: exited with ${result.code ?? result.signal} after SIGINT`);
  if ((await healthz()) !== null) return fail(`${label}: port ${port} still answers after exit`);
  if (fs.existsSync(path.join(clone, 'data', 'porta.lock.sock'))) return fail(`${label}: the data-dir lock socket is left behind`);
  ok(`${label}: stopped cleanly on SIGINT (${result.code ?? result.signal})`);
}

async function start(clone, line, env, label, ms) {
  step(`${label}: ${line}`);
  const run = shell(clone, line, env);
  if (await waitHealthy(run, ms)) {
    ok(`${label}: /healthz answers 200 on port ${port}`);
    await stop(run, clone, label);
    return run.output();
  }
  killGroup(run.child, 'SIGKILL');
  await Promise.race([run.exited, timeout(5000)]);
  fail(`${label}: no /healthz 200 within ${ms / 1000} s (${run.child.exitCode === null ? 'still running' : `exited ${run.child.exitCode}`})`);
  return null;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-readme-smoke-'));
  const clone = path.join(tmp, 'porta');
  try {
    step('reading the commands from README.md');
    const commands = readmeCommands();
    ok(`README.md gives \`${commands.quickStart}\`, \`${commands.start}\` and \`${commands.demo}\``);

    if ((await healthz()) !== null) throw new Error(`port ${port} is already in use: set README_SMOKE_PORT`);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    step(`clean clone of HEAD ${head.slice(0, 12)} into ${clone}`);
    execFileSync('git', ['clone', '--quiet', '--no-checkout', root, clone], { stdio: 'inherit' });
    execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: clone, stdio: 'inherit' });

    // A new user's shell: no database or data-dir settings of ours leak in.
    const env = { ...process.env, PORT: String(port), npm_config_audit: 'false', npm_config_fund: 'false' };
    for (const name of Object.keys(env)) {
      if (/^(PORTA_|DATABASE_URL$|TEST_DATABASE_URL$|npm_lifecycle_|npm_package_)/.test(name)) delete env[name];
    }

    const firstOutput = await start(clone, commands.quickStart, env, 'first start (install, build, create ./data)', INSTALL_AND_START_MS);
    if (firstOutput === null) return;
    // The quick start's `npm ci` must not warn about engines (#9 item 10).
    if (/EBADENGINE/.test(firstOutput)) fail('the quick start printed EBADENGINE warnings');
    else ok('the quick start printed no engine warnings');
    await start(clone, commands.start, env, 'second start (restart on the same ./data)', START_MS);

    step(`demo: ${commands.demo}`);
    const demo = shell(clone, commands.demo, env);
    const demoResult = await Promise.race([demo.exited, timeout(DEMO_MS)]);
    if (demoResult === 'timeout') {
      killGroup(demo.child, 'SIGKILL');
      fail(`demo: still running after ${DEMO_MS / 1000} s`);
    } else if (demoResult.code !== 0) {
      fail(`demo: exited with ${demoResult.code ?? demoResult.signal}`);
    } else ok('demo: seeded and exited 0');

    await start(clone, commands.start, env, 'third start (after the demo)', START_MS);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  } finally {
    for (const child of children) killGroup(child, 'SIGKILL');
    if (failed > 0 && process.env.README_SMOKE_KEEP) console.log(`[readme-smoke] kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) killGroup(child, 'SIGKILL');
    console.log(`\n[readme-smoke] interrupted by ${signal}\n${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  });
}
await main();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
