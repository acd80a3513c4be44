// One process of simulated agents for bench/agents.bench.ts (issue 12): protocol-level clients
// that behave as apps/agent does on the wire (challenge → signed hello → welcome → inventory;
// a heartbeat message and a ping every heartbeat interval; each command acknowledged and
// reported succeeded). Reconnects with full-jitter exponential backoff.
// argv: <url> <devices.json> ; reports to the parent over IPC.
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import { CONNECT_PATH, HEARTBEAT_INTERVAL_MS, PROTOCOL_VERSION, type Inventory } from '@porta/agent-protocol';
import { signHello } from '@porta/agent-protocol/sign';
import WebSocket from 'ws';

const [url, file] = process.argv.slice(2) as [string, string];
const devices = JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string; key: string }[];
const BASE_MS = 1000;
const CAP_MS = 30_000;

const now = () => performance.timeOrigin + performance.now();
let welcomes: number[] = [];
let received: { id: string; at: number }[] = [];
let connecting = 0;

function inventory(i: number): Inventory {
  return { hostname: `bench-${i}`, os: 'windows', osVersion: '10.0.19045', arch: 'x64', loggedInUser: 'bench', serial: null, agentVersion: 'bench', uptimeSeconds: 3600, disks: [{ mount: 'C:', sizeBytes: 256e9, freeBytes: 100e9 }] };
}

function connect(d: { id: string; key: string }, i: number, attempt: number): void {
  connecting += 1;
  const key = createPrivateKey({ key: Buffer.from(d.key, 'base64'), format: 'der', type: 'pkcs8' });
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${CONNECT_PATH}`, { perMessageDeflate: false });
  let welcomed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { type: string; nonce?: string; command?: { payload: { id: string } } };
    if (msg.type === 'challenge' && msg.nonce) {
      ws.send(JSON.stringify({ type: 'hello', deviceId: d.id, protocol: PROTOCOL_VERSION, agentVersion: 'bench', signature: signHello(d.id, msg.nonce, key) }));
    } else if (msg.type === 'welcome') {
      welcomed = true;
      connecting -= 1;
      welcomes.push(now());
      ws.send(JSON.stringify({ type: 'inventory', inventory: inventory(i) }));
      heartbeat = setInterval(() => {
        ws.send(JSON.stringify({ type: 'heartbeat' }));
        ws.ping();
      }, HEARTBEAT_INTERVAL_MS);
    } else if (msg.type === 'command' && msg.command) {
      const id = msg.command.payload.id;
      received.push({ id, at: now() });
      ws.send(JSON.stringify({ type: 'ack', commandId: id }));
      ws.send(JSON.stringify({ type: 'status', commandId: id, status: 'succeeded' }));
    }
  });
  ws.on('error', () => undefined);
  ws.on('close', () => {
    clearInterval(heartbeat);
    if (!welcomed) connecting -= 1;
    const next = welcomed ? 0 : attempt + 1;
    const wait = Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** next);
    setTimeout(() => connect(d, i, next), wait);
  });
}

// Spread the first connections over a few seconds, as machines booting would.
const SPREAD_MS = Number(process.env.BENCH_AGENT_SPREAD_MS ?? 5000);
devices.forEach((d, i) => setTimeout(() => connect(d, i, 0), (i / devices.length) * SPREAD_MS));

setInterval(() => {
  if (welcomes.length === 0 && received.length === 0) return;
  process.send?.({ welcomes, received, connecting });
  welcomes = [];
  received = [];
}, 200);
