// Smoke test of a built agent executable (run by scripts/agent-build-check.mjs): enrol against a
// protocol server, connect, run one signed command with the dry-run executor, check the argv.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ProtocolServer, until } from './protocol-server.ts';

const binary = process.argv[2];
if (!binary) throw new Error('usage: sea-smoke.ts <porta-agent executable>');

function run(args: string[]): { done: Promise<number | null>; kill: () => void; output: () => string } {
  const child = spawn(binary as string, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return { done: new Promise((r) => child.on('close', r)), kill: () => child.kill('SIGTERM'), output: () => output };
}

const server = new ProtocolServer();
await server.start();
const state = mkdtempSync(path.join(os.tmpdir(), 'porta-sea-'));
try {
  server.tokens.add('sea-token');
  const enrol = run(['enrol', '--server', server.url, '--token', 'sea-token', '--state', state, '--executor', 'dry-run']);
  if ((await enrol.done) !== 0) throw new Error(`enrol failed: ${enrol.output()}`);
  const deviceId = (JSON.parse(readFileSync(path.join(state, 'state.json'), 'utf8')) as { deviceId: string }).deviceId;
  const agent = run(['run', '--state', state]);
  try {
    await until('connection', () => server.connected(deviceId), 30_000);
    const payload = server.payload(deviceId, { action: 'restart', params: {} });
    server.send(deviceId, server.sign(payload));
    await until('succeeded', () => server.statusesOf(payload.id).includes('succeeded'), 30_000);
    const file = path.join(state, 'dry-run.jsonl');
    const line = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8').trim()) as { commandId: string; argv: string[] }) : null;
    if (line?.commandId !== payload.id || line.argv.join(' ') !== 'systemctl reboot') throw new Error(`dry-run line wrong: ${JSON.stringify(line)}`);
    console.log(`device ${deviceId}: restart -> ${line.argv.join(' ')} (${server.statusesOf(payload.id).join(', ')})`);
  } finally {
    agent.kill();
    await agent.done;
  }
} finally {
  await server.stop();
  rmSync(state, { recursive: true, force: true });
}
