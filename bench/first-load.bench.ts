/**
 * First load (issue 9 item 7): what a contact on a phone downloads and waits for when opening
 * the portal cold. The real built server (`npm run build`, then `node apps/server/dist/main.js`
 * on a new PGlite data dir, the tenant and admin made from PORTA_ADMIN_*), one customer, one
 * contact, one ticket and one technician made through the API; then Chromium (playwright-core)
 * with a NEW browser context per measurement (cold cache, no cookies but the session), 4× CPU
 * throttling and Chrome DevTools' "Fast 4G" network preset. Per page, several runs, medians:
 *
 * - bytes: the sum of `encodedDataLength` of every response (headers included, as sent on the
 *   wire, i.e. compressed when the server compresses), from the DevTools protocol;
 * - requests: every request the page made (data: URLs excluded);
 * - first text: from navigation start (performance time origin) to the first animation frame
 *   after the page's main heading (`h1`) holds text, seen by a MutationObserver installed
 *   before any script runs. First contentful paint is shown too.
 *
 * Goals: portal sign-in < 200 kB and first text < 1.5 s; no page over 400 kB.
 * Knobs: BENCH_FIRST_LOAD_RUNS (5), BENCH_FIRST_LOAD_PORT (3711), BENCH_FIRST_LOAD_BUILD=0
 * (skip `npm run build`, use the existing build), CHROMIUM_PATH (/usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { machine, median, removeDir, ROOT, round, runMain, SERVER_NODE_ARGS, startNode, table, tempDir, waitFor200, writeResult } from './lib/common.ts';

const RUNS = Number(process.env.BENCH_FIRST_LOAD_RUNS ?? 5);
const PORT = Number(process.env.BENCH_FIRST_LOAD_PORT ?? 3711);
const BASE = `http://127.0.0.1:${PORT}`;
const GOAL_SIGN_IN_BYTES = 200_000;
const GOAL_SIGN_IN_TEXT_MS = 1500;
const GOAL_PAGE_BYTES = 400_000;
/** Quiet time after the heading with no new request before a page counts as loaded. */
const QUIET_MS = 1500;

/**
 * Chrome DevTools' "Fast 4G" preset (`Fast4GConditions` in devtools-frontend's
 * front_end/core/sdk/NetworkManager.ts): 9 Mbit/s down and 1.5 Mbit/s up, both × 0.9, and a
 * 60 ms target RTT × 2.75 = 165 ms of added request latency.
 */
const FAST_4G = {
  offline: false,
  latency: 60 * 2.75,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
  connectionType: 'cellular4g' as const,
};
const CPU_SLOWDOWN = 4;
/** A mid-range phone's screen (as Lighthouse's mobile emulation). */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

const ADMIN = { email: 'admin@first-load.bench', password: 'first-load-admin-password' };
const TECH = { name: 'Tess Technician', email: 'tess@first-load.bench', password: 'first-load-tech-password' };

type Who = 'nobody' | 'contact' | 'technician';
interface PageSpec {
  key: string;
  label: string;
  path: string;
  who: Who;
}

interface Measurement {
  bytes: number;
  requests: number;
  firstTextMs: number;
  fcpMs: number | null;
  byType: Record<string, { bytes: number; requests: number }>;
  uncompressed: { url: string; bytes: number }[];
  scripts: string[];
}

const RESOURCE_TYPES: Record<string, string> = { Document: 'html', Script: 'js', Stylesheet: 'css', Fetch: 'api', XHR: 'api', Font: 'font', Image: 'image', EventSource: 'api' };

function build(): string {
  if (process.env.BENCH_FIRST_LOAD_BUILD === '0') return 'existing build (BENCH_FIRST_LOAD_BUILD=0)';
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${(r.stderr || r.stdout).split('\n').slice(-20).join('\n')}`);
  return 'npm run build';
}

async function api(pathName: string, body: unknown, cookie?: string, csrf?: string): Promise<{ json: unknown; cookie: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(`${BASE}${pathName}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${pathName}: ${res.status} ${text}`);
  const setCookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { json: JSON.parse(text) as unknown, cookie: setCookie || (cookie ?? '') };
}

/** Customer, contact (with the credentials the API answers), a ticket of theirs, a technician. */
async function seed(): Promise<{ contact: { username: string; password: string }; ticketId: string }> {
  const admin = await api('/api/v1/auth/login', ADMIN);
  const csrf = (admin.json as { csrfToken: string }).csrfToken;
  const customer = (await api('/api/v1/customers', { name: 'Bench Customer Ltd' }, admin.cookie, csrf)).json as { id: string };
  const created = (await api('/api/v1/contacts', { customerId: customer.id, firstName: 'Carla', lastName: 'Contact', email: 'carla@customer.bench' }, admin.cookie, csrf))
    .json as { credentials: { username: string; password: string } };
  await api('/api/v1/technicians', TECH, admin.cookie, csrf);
  const contact = await api('/api/v1/portal/auth/login', created.credentials);
  const ticket = (
    await api(
      '/api/v1/portal/tickets',
      { subject: 'Printer on the second floor is offline', description: 'Since this morning nobody can print.\n\nIt shows "offline" on every computer.' },
      contact.cookie,
      (contact.json as { csrfToken: string }).csrfToken,
    )
  ).json as { id: string };
  return { contact: created.credentials, ticketId: ticket.id };
}

async function signIn(context: BrowserContext, who: Who, contact: { username: string; password: string }): Promise<void> {
  if (who === 'nobody') return;
  const [url, data] = who === 'contact' ? ['/api/v1/portal/auth/login', contact] : ['/api/v1/auth/login', { email: TECH.email, password: TECH.password }];
  const res = await context.request.post(`${BASE}${url}`, { data });
  if (!res.ok()) throw new Error(`${who} sign-in: ${res.status()} ${await res.text()}`);
}

/** Installed before any page script: the time of the first frame after an h1 holds text. */
const HEADING_OBSERVER = `(() => {
  const seen = () => {
    const h = document.querySelector('h1');
    return h !== null && (h.textContent ?? '').trim() !== '';
  };
  const done = () => requestAnimationFrame(() => { window.__portaFirstText = performance.now(); });
  const observer = new MutationObserver(() => {
    if (seen()) { observer.disconnect(); done(); }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

async function measure(browser: Browser, spec: PageSpec, contact: { username: string; password: string }): Promise<Measurement> {
  const context = await browser.newContext({ ...PHONE, locale: 'en-US', serviceWorkers: 'block' });
  try {
    await signIn(context, spec.who, contact);
    await context.addInitScript(HEADING_OBSERVER);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', FAST_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

    const requests = new Map<string, { url: string; type: string; encoding: string | null }>();
    let count = 0;
    let lastRequestAt = performance.now();
    const finished = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('data:')) return;
      count++;
      lastRequestAt = performance.now();
      requests.set(e.requestId, { url: e.request.url, type: RESOURCE_TYPES[e.type ?? ''] ?? 'other', encoding: null });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (!r) return;
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      r.encoding = headers['content-encoding'] ?? null;
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (requests.has(e.requestId)) finished.set(e.requestId, e.encodedDataLength);
    });

    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    await page.goto(`${BASE}${spec.path}`, { waitUntil: 'load', timeout: 120_000 });
    await page
      .waitForFunction(() => (globalThis as { __portaFirstText?: number }).__portaFirstText !== undefined, null, { timeout: 120_000 })
      .catch((e: unknown) => {
        throw new Error(`${spec.label}: no heading (${String(e)}); ${problems.join('; ')}`);
      });
    const deadline = performance.now() + 20_000;
    while (performance.now() - lastRequestAt < QUIET_MS && performance.now() < deadline) await page.waitForTimeout(200);
    // Responses still streaming (an event stream) are counted with what they sent so far: nothing.
    const timing = await page.evaluate(() => ({
      firstText: (globalThis as { __portaFirstText?: number }).__portaFirstText ?? Number.NaN,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    }));

    const byType: Measurement['byType'] = {};
    const uncompressed: Measurement['uncompressed'] = [];
    let bytes = 0;
    for (const [id, r] of requests) {
      const size = finished.get(id) ?? 0;
      bytes += size;
      const t = (byType[r.type] ??= { bytes: 0, requests: 0 });
      t.bytes += size;
      t.requests++;
      if ((r.type === 'js' || r.type === 'css' || r.type === 'html') && !r.encoding && size > 2000) uncompressed.push({ url: new URL(r.url).pathname, bytes: size });
    }
    const scripts = [...requests.values()].filter((r) => r.type === 'js').map((r) => new URL(r.url).pathname);
    return { bytes, requests: count, firstTextMs: round(timing.firstText), fcpMs: timing.fcp === null ? null : round(timing.fcp), byType, uncompressed, scripts };
  } finally {
    await context.close();
  }
}

const kB = (n: number) => `${round(n / 1000, 1)} kB`;

async function main(): Promise<void> {
  const buildNote = build();
  const dataDir = tempDir('first-load');
  const server = startNode('first-load-server', [...SERVER_NODE_ARGS, path.join(ROOT, 'apps/server/dist/main.js')], {
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PORTA_DATA_DIR: dataDir,
    PORTA_SETUP_TOKEN: 'porta-first-load-setup-token-0123456789',
    PORTA_ADMIN_EMAIL: ADMIN.email,
    PORTA_ADMIN_PASSWORD: ADMIN.password,
    PORTA_TENANT_SLUG: 'bench',
    PORTA_TENANT_NAME: 'Bench MSP',
    LOG_LEVEL: 'warn',
  });
  let browser: Browser | undefined;
  try {
    await waitFor200(`${BASE}/healthz`, server, performance.now(), 120_000, 50);
    const { contact, ticketId } = await seed();
    const pages: PageSpec[] = [
      { key: 'portal-sign-in', label: 'portal sign-in', path: '/login', who: 'nobody' },
      { key: 'portal-home', label: 'portal home', path: '/', who: 'contact' },
      { key: 'portal-ticket', label: 'portal ticket', path: `/tickets/${ticketId}`, who: 'contact' },
      { key: 'console-queue', label: 'console queue', path: '/console/tickets', who: 'technician' },
    ];
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    // One warm-up load (not counted): the server's and the browser's own first-time costs.
    await measure(browser, pages[0] as PageSpec, contact);
    const runs = new Map<string, Measurement[]>(pages.map((p) => [p.key, []]));
    for (let round_ = 0; round_ < RUNS; round_++) {
      const order = round_ % 2 === 0 ? pages : [...pages].reverse();
      for (const spec of order) runs.get(spec.key)?.push(await measure(browser, spec, contact));
      process.stdout.write(`round ${round_ + 1}/${RUNS} done\n`);
    }

    const results = pages.map((spec) => {
      const ms = runs.get(spec.key) ?? [];
      const last = ms[ms.length - 1] as Measurement;
      const types = Object.keys(last.byType);
      return {
        page: spec.label,
        path: spec.path.replace(ticketId, ':id'),
        bytes: median(ms.map((m) => m.bytes)),
        requests: median(ms.map((m) => m.requests)),
        firstTextMs: median(ms.map((m) => m.firstTextMs)),
        fcpMs: median(ms.flatMap((m) => (m.fcpMs === null ? [] : [m.fcpMs]))),
        firstTextRuns: ms.map((m) => m.firstTextMs),
        byType: Object.fromEntries(types.map((t) => [t, { bytes: median(ms.map((m) => m.byType[t]?.bytes ?? 0)), requests: median(ms.map((m) => m.byType[t]?.requests ?? 0)) }])),
        uncompressed: last.uncompressed,
        scripts: last.scripts,
      };
    });

    console.log(`\nFirst load, cold cache, Chromium with ${CPU_SLOWDOWN}× CPU slowdown and DevTools "Fast 4G" (${FAST_4G.latency} ms, ${round((FAST_4G.downloadThroughput * 8) / 1e6, 2)} Mbit/s down); ${RUNS} runs, medians. Server: ${buildNote}.`);
    console.log(
      table(
        ['page', 'bytes', 'requests', 'first text', 'FCP', 'js', 'css', 'api', 'html', 'other'],
        results.map((r) => [
          r.page,
          kB(r.bytes),
          r.requests,
          `${r.firstTextMs} ms`,
          `${r.fcpMs} ms`,
          ...['js', 'css', 'api', 'html'].map((t) => (r.byType[t] ? `${kB(r.byType[t].bytes)} / ${r.byType[t].requests}` : '-')),
          kB(Object.entries(r.byType).filter(([t]) => !['js', 'css', 'api', 'html'].includes(t)).reduce((s, [, v]) => s + v.bytes, 0)),
        ]),
      ),
    );
    for (const r of results) if (r.uncompressed.length > 0) console.log(`${r.page}: sent uncompressed: ${r.uncompressed.map((u) => `${u.url} (${kB(u.bytes)})`).join(', ')}`);

    const signIn = results[0] as (typeof results)[number];
    const goals = [
      { goal: `portal sign-in < ${kB(GOAL_SIGN_IN_BYTES)}`, met: signIn.bytes < GOAL_SIGN_IN_BYTES },
      { goal: `portal sign-in first text < ${GOAL_SIGN_IN_TEXT_MS} ms`, met: signIn.firstTextMs < GOAL_SIGN_IN_TEXT_MS },
      ...results.map((r) => ({ goal: `${r.page} < ${kB(GOAL_PAGE_BYTES)}`, met: r.bytes < GOAL_PAGE_BYTES })),
    ];
    for (const g of goals) console.log(`${g.met ? 'met   ' : 'MISSED'} ${g.goal}`);
    const file = writeResult({
      name: 'first-load',
      startedAt: new Date().toISOString(),
      machine: machine(),
      summary: results.map((r) => `${r.page}: ${kB(r.bytes)}, ${r.requests} requests, first text ${r.firstTextMs} ms (FCP ${r.fcpMs} ms)`),
      goalsMet: goals.every((g) => g.met),
      data: { profile: { ...FAST_4G, cpuSlowdown: CPU_SLOWDOWN, phone: PHONE }, runs: RUNS, build: buildNote, results, goals },
    });
    console.log(`\nresults: ${path.relative(ROOT, file)}`);
  } finally {
    await browser?.close();
    await server.stop();
    removeDir(dataDir);
    if (fs.existsSync(dataDir)) console.warn(`could not remove ${dataDir}`);
  }
}

runMain(main, 15 * 60_000);
