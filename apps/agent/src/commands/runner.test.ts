import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { AgentMessage, CommandPayload } from '@porta/agent-protocol';
import { generateSigningKeyPair, newNonce, signCommand } from '@porta/agent-protocol/sign';
import type { Executor } from '../os/executor.ts';
import { linuxPlanner } from '../os/linux.ts';
import { runStep } from '../os/system-executor.ts';
import { NonceStore } from '../state/nonces.ts';
import { CommandRunner } from './runner.ts';

// SS-8: the runner's order of effects: verify → ack → nonce burnt → running → run → result.
const dir = mkdtempSync(path.join(os.tmpdir(), 'porta-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keys = generateSigningKeyPair();
const deviceId = randomUUID();
const tenantId = randomUUID();

function payload(over: Partial<CommandPayload> = {}): CommandPayload {
  const now = Date.now();
  return {
    v: 1, id: randomUUID(), tenantId, deviceId, action: 'restart', params: {}, nonce: newNonce(), verificationId: randomUUID(),
    issuedAt: new Date(now).toISOString(), expiresAt: new Date(now + 600_000).toISOString(), ...over,
  } as CommandPayload;
}

async function runner(executor: Executor, consoleUser: string | null = 'alice') {
  const nonces = await NonceStore.open(dir);
  return {
    nonces,
    runner: new CommandRunner({
      deviceId, tenantId, commandPublicKey: keys.publicKey, nonces, planner: linuxPlanner, executor,
      readContext: async () => ({ consoleUser, consoleUid: 1000, consoleSession: consoleUser ? '2' : null, elevated: true, brewPath: null }),
    }),
  };
}

it('reports executor failure as failed/executor-failed and keeps the nonce burnt', async () => {
  const ran: string[][] = [];
  const { runner: r, nonces } = await runner({ kind: 'dry-run', execute: async (step) => (ran.push(step.argv), { ok: false, detail: 'exit 1' }) });
  const sent: AgentMessage[] = [];
  const p = payload({ action: 'lock', params: {} });
  await r.handle(signCommand(p, keys.privateKey), (m) => sent.push(m));
  expect(ran).toEqual([['loginctl', 'lock-session', '2']]);
  expect(sent).toEqual([
    { type: 'ack', commandId: p.id },
    { type: 'status', commandId: p.id, status: 'running' },
    { type: 'status', commandId: p.id, status: 'failed', reason: 'executor-failed', detail: 'exit 1' },
  ]);
  expect(nonces.get(p.nonce)?.outcome).toBe('failed');
});

it('a command the OS cannot plan is refused, never run, and its nonce is burnt', async () => {
  const ran: string[][] = [];
  const { runner: r, nonces } = await runner({ kind: 'dry-run', execute: async (step) => (ran.push(step.argv), { ok: true, detail: '' }) }, null);
  const sent: AgentMessage[] = [];
  const p = payload({ action: 'logout', params: {} });
  await r.handle(signCommand(p, keys.privateKey), (m) => sent.push(m));
  expect(ran).toEqual([]);
  expect(sent.at(-1)).toMatchObject({ type: 'status', commandId: p.id, status: 'refused', reason: 'executor-failed' });
  expect(nonces.get(p.nonce)?.outcome).toBe('refused');
});

it('handles commands one at a time in arrival order', async () => {
  const order: string[] = [];
  const { runner: r } = await runner({
    kind: 'dry-run',
    execute: async (_s, meta) => {
      order.push(`start ${meta.action}`);
      await new Promise((res) => setTimeout(res, 30));
      order.push(`end ${meta.action}`);
      return { ok: true, detail: '' };
    },
  });
  await Promise.all([r.handle(signCommand(payload({ action: 'lock', params: {} }), keys.privateKey), () => {}), r.handle(signCommand(payload(), keys.privateKey), () => {})]);
  expect(order).toEqual(['start lock', 'end lock', 'start restart', 'end restart']);
});

it('the system executor runs argv without a shell and redacts secret arguments from its report', async () => {
  const echo = await runStep({ argv: [process.execPath, '-e', 'console.log("got", process.argv[1]); process.exit(3)', 'Secret-Pw-123;$(id)'], secretArgs: [3], timeoutMs: 20_000 });
  expect(echo.ok).toBe(false);
  expect(echo.detail).toContain('exit 3');
  expect(echo.detail).toContain('got <redacted>');
  expect(echo.detail).not.toContain('Secret-Pw-123');
  const stdin = await runStep({ argv: [process.execPath, '-e', 'process.stdin.on("data", (d) => process.stdout.write(String(d).length + " bytes"))'], stdin: 'alice:pw\n', timeoutMs: 20_000 });
  expect(stdin).toMatchObject({ ok: true });
  expect(stdin.detail).toContain('9 bytes');
  const missing = await runStep({ argv: ['porta-no-such-tool'], timeoutMs: 5_000 });
  expect(missing.ok).toBe(false);
  expect(missing.detail).toContain('ENOENT');
});
