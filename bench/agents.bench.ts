// Issue 12: many simulated agents (protocol-level clients in separate processes) on one server
// node with PostgreSQL. Measures memory per idle connection (against a bare `ws` server with
// the same clients, same run), dispatch latency from issueCommand to the agent's receipt at
// 10 commands/s (against a bare pg_notify round trip, same run), and a server restart: time
// until 99% are back, peak reconnect rate against the mean, and that no command is lost or
// delivered twice. BENCH_AGENTS (default 1000; 10000 for the issue's figure), BENCH_AGENT_PROCS (4).
import { type ChildProcess, fork } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { rawFromPublicKey } from '@porta/agent-protocol/sign';
import pg from 'pg';
import WebSocket from 'ws';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { issueCommand } from '../apps/server/src/features/agent-commands/commands.service.ts';
import { boot } from '../apps/server/src/platform/boot.ts';
import { BENCH_SECRET_KEY, freePort, machine, memoryOf, ROOT, round, runMain, serverCommand, sleep, startNode, table, tempDir, waitFor200, writeResult, type Child } from './lib/common.ts';
import { dropDatabase, postgresUnavailable, recreateDatabase } from './lib/postgres.ts';

const N = Number(process.env.BENCH_AGENTS ?? 1000);
const PROCS = Number(process.env.BENCH_AGENT_PROCS ?? 4);
const RATE = 10;
const DISPATCH_SECONDS = Number(process.env.BENCH_DISPATCH_SECONDS ?? 10);
const DB = 'porta_bench_agents';

interface Report {
  welcomes: number[];
  received: { id: string; at: number }[];
  connecting: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

class Fleet {
  procs: ChildProcess[] = [];
  welcomes: number[] = [];
  received = new Map<string, number[]>();
  constructor(url: string, files: string[]) {
    for (const f of files) {
      const p = fork(path.join(ROOT, 'bench/agents/sim-agents.ts'), [url, f], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      p.on('message', (m: Report) => {
        this.welcomes.push(...m.welcomes);
        for (const r of m.received) this.received.set(r.id, [...(this.received.get(r.id) ?? []), r.at]);
      });
      this.procs.push(p);
    }
  }
  async until(count: () => boolean, timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (count()) return true;
      await sleep(100);
    }
    return count();
  }
  stop(): void {
    for (const p of this.procs) p.kill('SIGKILL');
  }
}

function writeDeviceFiles(devices: { id: string; key: string }[]): string[] {
  const dir = tempDir('porta-bench-agents-');
  const per = Math.ceil(devices.length / PROCS);
  return Array.from({ length: PROCS }, (_, i) => {
    const file = path.join(dir, `devices-${i}.json`);
    fs.writeFileSync(file, JSON.stringify(devices.slice(i * per, (i + 1) * per)));
    return file;
  });
}

/** Baseline: a bare `ws` server process holding the same number of idle connections. */
async function bareMemoryPerConnection(devices: { id: string; key: string }[]): Promise<number> {
  const port = await freePort();
  const src = `import { WebSocketServer } from 'ws'; const s = new WebSocketServer({ port: ${port}, host: '127.0.0.1', maxPayload: 65536 }); s.on('connection', (ws) => { ws.send(JSON.stringify({ type: 'challenge', nonce: 'x' })); ws.on('message', () => undefined); }); console.log('ready');`;
  const file = path.join(tempDir('porta-bench-bare-ws-'), 'bare-ws.mjs');
  fs.writeFileSync(file, src);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(path.dirname(file), 'node_modules'));
  const child = startNode('agents-bare-ws', [file], {});
  await sleep(1500);
  const before = memoryOf(child.pid).rssMiB;
  const clients: WebSocket[] = [];
  await Promise.all(
    devices.map(
      (_, i) =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
            clients.push(ws);
            ws.once('message', () => resolve());
            ws.once('error', () => resolve());
          }, (i / devices.length) * 1000);
        }),
    ),
  );
  await sleep(3000);
  const after = memoryOf(child.pid).rssMiB;
  for (const c of clients) c.terminate();
  await child.stop();
  return ((after - before) * 1024 * 1024) / devices.length;
}

/** Baseline: pg_notify from one connection to a LISTEN on another, p50/p99 in ms. */
async function bareNotifyLatency(url: string, count: number): Promise<{ p50: number; p99: number }> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await listener.connect();
  await sender.connect();
  await listener.query('listen bench_bare');
  const sentAt = new Map<string, number>();
  const lat: number[] = [];
  listener.on('notification', (n) => {
    const t = sentAt.get(n.payload ?? '');
    if (t !== undefined) lat.push(performance.now() - t);
  });
  for (let i = 0; i < count; i++) {
    const id = String(i);
    sentAt.set(id, performance.now());
    await sender.query('select pg_notify($1, $2)', ['bench_bare', id]);
    await sleep(1000 / RATE);
  }
  await sleep(300);
  await listener.end();
  await sender.end();
  return { p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

async function main(): Promise<void> {
  const unavailable = await postgresUnavailable();
  if (unavailable) throw new Error(unavailable);
  const url = await recreateDatabase(DB);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = serverCommand();
  const env = { DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', PORTA_SECRET_KEY: BENCH_SECRET_KEY, PORTA_ADMIN_EMAIL: 'bench@msp.example.com', PORTA_ADMIN_PASSWORD: 'Bench-Password-Long-4711!', LOG_LEVEL: 'warn' };
  const start = async (name: string): Promise<{ child: Child; ms: number }> => {
    const t0 = performance.now();
    const child = startNode(name, server.args, env);
    return { child, ms: await waitFor200(`${base}/healthz`, child, t0, 120_000, 50) };
  };
  console.log(`agents: ${N} simulated agents in ${PROCS} processes; server: ${server.note}`);
  let node = await start('agents-server');

  // The bench is a second app node on the same PostgreSQL: it issues commands as the portal's confirm would.
  const booted = await boot(loadConfig({ DATABASE_URL: url, PORTA_SECRET_KEY: BENCH_SECRET_KEY, LOG_LEVEL: 'silent', PORTA_DATA_DIR: tempDir('porta-bench-agents-data-') }));
  const { app } = await buildApp(booted.ctx, { logger: false });
  await app.ready();
  const db = booted.ctx.db;
  const tenant = await db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
  const customer = await db.insertInto('customers').values({ tenant_id: tenant.id, name: 'Bench customer' }).returning('id').executeTakeFirstOrThrow();
  const devices: { id: string; key: string }[] = [];
  const rows = [];
  for (let i = 0; i < N; i++) {
    const pair = generateKeyPairSync('ed25519');
    const id = randomUUID();
    devices.push({ id, key: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') });
    rows.push({ id, tenant_id: tenant.id, customer_id: customer.id, public_key: rawFromPublicKey(pair.publicKey), hostname: `bench-${i}`, os: 'windows', inventory: '{}' });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('devices').values(rows.slice(i, i + 1000)).execute();

  // Memory per idle connection.
  await sleep(2000);
  const idleBefore = memoryOf(node.child.pid).rssMiB;
  const fleet = new Fleet(base, writeDeviceFiles(devices));
  const allIn = await fleet.until(() => fleet.welcomes.length >= N, 300_000);
  if (!allIn) throw new Error(`only ${fleet.welcomes.length} of ${N} agents were welcomed`);
  await sleep(5000);
  const idleAfter = memoryOf(node.child.pid).rssMiB;
  const perConn = ((idleAfter - idleBefore) * 1024 * 1024) / N;

  // Dispatch latency at 10/s, after one warm-up command (it starts the signing worker).
  const warm = await issueCommand(booted.ctx, tenant.id, { deviceId: devices[0]!.id, action: 'lock', params: {}, verificationId: randomUUID(), requestedBy: {} });
  await fleet.until(() => fleet.received.has(warm.id), 15_000);
  const sent = new Map<string, number>();
  const count = RATE * DISPATCH_SECONDS;
  for (let i = 0; i < count; i++) {
    const d = devices[Math.floor(Math.random() * devices.length)]!;
    const t = performance.timeOrigin + performance.now();
    const { id } = await issueCommand(booted.ctx, tenant.id, { deviceId: d.id, action: 'lock', params: {}, verificationId: randomUUID(), requestedBy: {} });
    sent.set(id, t);
    await sleep(1000 / RATE);
  }
  await fleet.until(() => [...sent.keys()].every((id) => fleet.received.has(id)), 15_000);
  const latencies = [...sent].flatMap(([id, t]) => (fleet.received.get(id) ?? []).slice(0, 1).map((at) => at - t));
  const bare = await bareNotifyLatency(url, count);

  // Restart: commands issued while the server is down must arrive once each after it is back.
  await node.child.stop();
  const welcomedBefore = fleet.welcomes.length;
  const during: string[] = [];
  for (let i = 0; i < 20; i++) {
    const d = devices[Math.floor(Math.random() * devices.length)]!;
    during.push((await issueCommand(booted.ctx, tenant.id, { deviceId: d.id, action: 'restart', params: {}, verificationId: randomUUID(), requestedBy: {} })).id);
  }
  const restartAt = performance.timeOrigin + performance.now();
  node = await start('agents-server-restarted');
  const back99 = await fleet.until(() => fleet.welcomes.length - welcomedBefore >= 0.99 * N, 300_000);
  const backTimes = fleet.welcomes.slice(welcomedBefore).map((t) => t - restartAt).sort((a, b) => a - b);
  const t99 = backTimes[Math.ceil(0.99 * N) - 1] ?? Number.NaN;
  const perSecond = new Map<number, number>();
  for (const t of backTimes) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
  const peak = Math.max(...perSecond.values());
  const mean = backTimes.length / Math.max(1, (backTimes.at(-1) ?? 0) / 1000);
  await fleet.until(() => during.every((id) => fleet.received.has(id)), 30_000);
  const lost = during.filter((id) => !fleet.received.has(id)).length;
  const twice = [...fleet.received.values()].filter((v) => v.length > 1).length;

  fleet.stop();
  await node.child.stop();
  const bareConn = await bareMemoryPerConnection(devices.slice(0, Math.min(N, 2000)));
  await app.close();
  await booted.handle.close();
  await dropDatabase(DB);

  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const goals = perConn < 20 * 1024 && p99 < 100 && back99 && t99 < 180_000 && lost === 0 && twice === 0;
  const rowsOut: (string | number)[][] = [
    ['memory per idle connection (KiB)', round(perConn / 1024, 1), round(bareConn / 1024, 1), round(perConn / bareConn, 2)],
    ['dispatch p50 (ms)', round(p50, 1), round(bare.p50, 1), round(p50 / bare.p50, 1)],
    ['dispatch p99 (ms)', round(p99, 1), round(bare.p99, 1), round(p99 / bare.p99, 1)],
  ];
  console.log(table(['figure', 'app', 'baseline', 'app ÷ baseline'], rowsOut));
  console.log(`server start after restart: ${round(node.ms)} ms; 99% of ${N} agents back ${round(t99 / 1000, 1)} s after the restart began; reconnects peak ${peak}/s against a mean of ${round(mean)}/s`);
  console.log(`commands issued while down: ${during.length}, lost ${lost}; commands delivered twice: ${twice}; dispatched ${latencies.length}/${count}`);
  const file = writeResult({
    name: 'agents',
    startedAt: new Date().toISOString(),
    machine: machine(),
    summary: [
      `agents (${N}): ${round(perConn / 1024, 1)} KiB per idle connection (bare ws ${round(bareConn / 1024, 1)}), dispatch p50/p99 ${round(p50, 1)}/${round(p99, 1)} ms (bare NOTIFY ${round(bare.p50, 1)}/${round(bare.p99, 1)}), 99% back in ${round(t99 / 1000, 1)} s, peak/mean reconnects ${peak}/${round(mean)} per s, lost ${lost}, twice ${twice}`,
    ],
    goalsMet: goals,
    data: { N, PROCS, perConn, bareConn, latencies: { p50, p99, bare }, restart: { t99, peak, mean, startMs: node.ms }, lost, twice },
  });
  console.log(`written to ${file}; goals ${goals ? 'met' : 'NOT met'}`);
}

runMain(main, 25 * 60_000);
