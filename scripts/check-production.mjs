// The container's production layout, checked without Docker (issue 15 item 6; CI step): the
// runtime stage of the Dockerfile rebuilt in a temporary directory — the lock file and every
// workspace's package.json, `npm ci --omit=dev --ignore-scripts`, the built server and web app,
// nothing else — then the server started as the image starts it (`node apps/server/dist/main.js`,
// NODE_ENV=production, its data in a directory of its own): /readyz and /healthz 200, the web
// app's page served, no development package installed, and a clean exit on SIGTERM.
// Ends with one `N passed, N failed` line.
/* global AbortSignal */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SERVER_NODE_ARGS } from './node-args.mjs';

const root = path.resolve(import.meta.dirname, '..');
const WORKSPACES = ['packages/contracts', 'packages/agent-protocol', 'packages/i18n', 'apps/server', 'apps/web', 'apps/agent'];
let passed = 0;
let failed = 0;
const ok = (t) => {
  passed++;
  console.log(`[production] ok: ${t}`);
};
const fail = (t) => {
  failed++;
  console.log(`[production] FAILED: ${t}`);
};
const done = () => {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
};

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return res;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-production-'));
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-production-data-'));
let server;
try {
  console.log('[production] building the web app and the server bundle');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
  for (const w of WORKSPACES) {
    fs.mkdirSync(path.join(dir, w), { recursive: true });
    fs.copyFileSync(path.join(root, w, 'package.json'), path.join(dir, w, 'package.json'));
  }
  console.log(`[production] npm ci --omit=dev --ignore-scripts in ${dir}`);
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  for (const d of ['apps/server/dist', 'apps/web/dist']) fs.cpSync(path.join(root, d), path.join(dir, d), { recursive: true });

  // Packages the lock file marks development-only (test runner, linters, browser driver, tsx): none
  // may be there, so the server below is shown to run on production dependencies alone.
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const devOnly = Object.entries(lock.packages ?? {})
    .filter(([key, meta]) => key.startsWith('node_modules/') && meta.dev === true)
    .map(([key]) => key);
  const present = devOnly.filter((key) => fs.existsSync(path.join(dir, key)));
  if (devOnly.length > 0 && present.length === 0) ok(`none of the ${devOnly.length} development-only packages of the lock file is installed`);
  else fail(`development-only packages installed: ${present.slice(0, 10).join(', ')}`);

  const port = await freePort();
  server = spawn(process.execPath, [...SERVER_NODE_ARGS, 'apps/server/dist/main.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', PORTA_DATA_DIR: data, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const ready = await waitFor(`${base}/readyz`, 180_000);
  if (ready) ok(`/readyz 200 ${JSON.stringify(await ready.json())}`);
  else fail('/readyz did not answer 200 within 3 minutes');
  const health = await waitFor(`${base}/healthz`, 10_000);
  if (health) ok('/healthz 200');
  else fail('/healthz did not answer 200');
  const page = await fetch(`${base}/login`).catch(() => null);
  const html = page ? await page.text() : '';
  if (page && /<div id="root"|<script type="module"/.test(html)) ok(`the web app's page is served (${page.status})`);
  else fail(`no web app page at /login (${page?.status ?? 'no answer'})`);

  const exited = new Promise((r) => server.once('exit', (code, signal) => r({ code, signal })));
  server.kill('SIGTERM');
  const result = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 30_000))]);
  if (result && (result.code === 0 || result.signal === 'SIGTERM')) ok(`stopped on SIGTERM (${JSON.stringify(result)})`);
  else fail(`did not stop within 30 s of SIGTERM (${JSON.stringify(result)})`);
  server = undefined;
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
} finally {
  server?.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(data, { recursive: true, force: true });
}
done();
