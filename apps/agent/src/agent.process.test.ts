import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair, signCommand } from '@porta/agent-protocol/sign';
import { AgentProcess, agentCommand } from './test/agent-process.ts';
import { ProtocolServer, until } from './test/protocol-server.ts';

// SS-1, SS-8: real agent processes (dry-run executor) against a server speaking the protocol.

const FAST_BACKOFF = { PORTA_AGENT_BACKOFF_BASE_MS: '100', PORTA_AGENT_BACKOFF_CAP_MS: '800' };

describe('the agent process', () => {
  const server = new ProtocolServer();
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'porta-agent-'));
  const dryRun = path.join(stateDir, 'dry-run.jsonl');
  let agent: AgentProcess;
  let deviceId = '';
  const lines = (): Array<{ commandId: string; action: string; argv: string[]; at: string }> =>
    existsSync(dryRun) ? readFileSync(dryRun, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];

  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await agent?.stop();
    await server.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('refuses an unknown enrolment token and leaves no state', async () => {
    const result = await agentCommand(['enrol', '--server', server.url, '--token', 'nope', '--state', stateDir, '--executor', 'dry-run']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('ENROLMENT_TOKEN_INVALID');
    expect(existsSync(path.join(stateDir, 'state.json'))).toBe(false);
  });

  it('enrols: key pair (private key 0600), device id, pinned command key', async () => {
    server.tokens.add('tok-1');
    const result = await agentCommand(['enrol', '--server', server.url, '--token', 'tok-1', '--state', stateDir, '--executor', 'dry-run']);
    expect(result.code, result.output).toBe(0);
    const state = JSON.parse(readFileSync(path.join(stateDir, 'state.json'), 'utf8'));
    deviceId = state.deviceId;
    expect(server.devices.has(deviceId)).toBe(true);
    expect(state).toMatchObject({ tenantId: server.tenantId, executor: 'dry-run', server: server.url });
    expect(statSync(path.join(stateDir, 'agent.key')).mode & 0o777).toBe(0o600);
    // Enrolling the same directory twice is refused (the token would be wasted).
    server.tokens.add('tok-2');
    const again = await agentCommand(['enrol', '--server', server.url, '--token', 'tok-2', '--state', stateDir]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already holds device');
  });

  it('connects, proves its identity and sends its inventory', async () => {
    agent = new AgentProcess(['run', '--state', stateDir], FAST_BACKOFF);
    await until('connection', () => server.connected(deviceId));
    const inventory = await until('inventory', () => server.messages.find((m) => m.message.type === 'inventory')?.message);
    expect(inventory).toMatchObject({ type: 'inventory', inventory: { os: 'linux', hostname: os.hostname(), agentVersion: '0.1.0' } });
    expect(server.messages.find((m) => m.message.type === 'hello')?.message).toMatchObject({ deviceId, protocol: 1 });
  });

  it('runs a signed command: ack, running, succeeded, and the dry-run line holds the argv', async () => {
    const payload = server.payload(deviceId, { action: 'restart', params: {} });
    server.send(deviceId, server.sign(payload));
    await until('succeeded', () => server.statusesOf(payload.id).includes('succeeded'));
    expect(server.statusesOf(payload.id)).toEqual(['ack', 'running', 'succeeded']);
    expect(lines()).toEqual([{ commandId: payload.id, action: 'restart', argv: ['systemctl', 'reboot'], at: expect.any(String) }]);
  });

  it('reset-password: chpasswd, and the password is written nowhere', async () => {
    const payload = server.payload(deviceId, { action: 'reset-password', params: { username: 'alice', temporaryPassword: 'Secret-Temp-991' } });
    server.send(deviceId, server.sign(payload));
    await until('succeeded', () => server.statusesOf(payload.id).includes('succeeded'));
    expect(lines().at(-1)).toMatchObject({ commandId: payload.id, action: 'reset-password', argv: ['chpasswd'] });
    for (const file of ['dry-run.jsonl', 'nonces.json', 'state.json']) expect(readFileSync(path.join(stateDir, file), 'utf8')).not.toContain('Secret-Temp-991');
    expect(agent.output).not.toContain('Secret-Temp-991');
  });

  it('refuses tampered, unsigned, foreign-key, expired, wrong-device, other-tenant, unknown-action, bad-params and replayed commands; nothing runs', async () => {
    const before = lines().length;
    const cases: Array<[string, unknown, string]> = [];
    const tampered = server.sign(server.payload(deviceId, { action: 'lock', params: {} }));
    cases.push(['tampered', { ...tampered, payload: { ...tampered.payload, action: 'shutdown' } }, 'refused:bad-signature']);
    const unsigned = server.payload(deviceId);
    cases.push(['unsigned', { payload: unsigned }, 'refused:bad-signature']);
    cases.push(['signed by another key', signCommand(server.payload(deviceId), generateSigningKeyPair().privateKey), 'refused:bad-signature']);
    const past = Date.now() - 20 * 60 * 1000;
    cases.push(['expired', server.sign(server.payload(deviceId, { issuedAt: new Date(past).toISOString(), expiresAt: new Date(past + 10 * 60 * 1000).toISOString() })), 'refused:expired']);
    cases.push(['wrong device', server.sign(server.payload(randomUUID())), 'refused:wrong-device']);
    cases.push(['other tenant', server.sign(server.payload(deviceId, { tenantId: randomUUID() })), 'refused:wrong-device']);
    cases.push(['unknown action', server.signRaw({ ...server.payload(deviceId), action: 'format-disk' }), 'refused:unknown-action']);
    cases.push(['bad params', server.signRaw({ ...server.payload(deviceId), action: 'reset-password', params: { username: '-rf', temporaryPassword: 'Tmp-Pass-1234!' } }), 'refused:bad-params']);
    cases.push(['long lifetime', server.signRaw({ ...server.payload(deviceId), expiresAt: new Date(Date.now() + 60 * 60 * 1000).toISOString() }), 'refused:bad-params']);
    cases.push(['install on linux', server.sign(server.payload(deviceId, { action: 'install-software', params: { packageId: 'p', manager: 'choco', packageRef: 'git' } })), 'refused:not-supported-on-os']);
    const first = server.payload(deviceId, { action: 'restart', params: {} });
    const signedFirst = server.sign(first);
    server.send(deviceId, signedFirst);
    await until('first restart', () => server.statusesOf(first.id).includes('succeeded'));
    cases.push(['replayed', signedFirst, 'refused:replayed']);
    const sameNonce = server.sign(server.payload(deviceId, { nonce: first.nonce }));
    cases.push(['nonce reused by another id', sameNonce, 'refused:replayed']);

    for (const [, command] of cases) server.send(deviceId, command);
    for (const [name, command, expected] of cases) {
      const id = (command as { payload: { id: string } }).payload.id;
      const statuses = await until(name, () => {
        const s = server.statusesOf(id).filter((x) => x.startsWith('refused'));
        return s.length > 0 && s;
      });
      expect(statuses.at(-1), name).toBe(expected);
    }
    // Only the first restart ran.
    expect(lines().slice(before).map((l) => l.commandId)).toEqual([first.id]);
  });

  it('still refuses a replay after the agent restarts (nonces persist)', async () => {
    const payload = server.payload(deviceId, { action: 'shutdown', params: {} });
    const signed = server.sign(payload);
    server.send(deviceId, signed);
    await until('succeeded', () => server.statusesOf(payload.id).includes('succeeded'));
    const count = lines().length;
    const welcomes = server.welcomes;
    await agent.stop();
    agent = new AgentProcess(['run', '--state', stateDir], FAST_BACKOFF);
    await until('reconnection', () => server.welcomes > welcomes && server.connected(deviceId));
    server.send(deviceId, signed);
    await until('refusal', () => server.statusesOf(payload.id).includes('refused:replayed'));
    expect(lines()).toHaveLength(count);
  });

  it('reconnects after the server drops connections and after a server restart, backoff capped', async () => {
    let welcomes = server.welcomes;
    server.dropAll();
    await until('reconnect after drop', () => server.welcomes > welcomes && server.connected(deviceId), 10_000);
    const port = server.port;
    await server.stop();
    // Down for longer than the backoff cap: the agent keeps retrying at most `cap` apart.
    await new Promise((r) => setTimeout(r, 2500));
    welcomes = server.welcomes;
    await server.start(port);
    await until('reconnect after restart', () => server.welcomes > welcomes && server.connected(deviceId), 10_000);
    expect(agent.output).toMatch(/retrying in \d+ ms/);
    const delays = [...agent.output.matchAll(/retrying in (\d+) ms/g)].map((m) => Number(m[1]));
    expect(Math.max(...delays)).toBeLessThan(800);
    // Commands still flow on the new connection.
    const payload = server.payload(deviceId, { action: 'restart', params: {} });
    server.send(deviceId, server.sign(payload));
    await until('succeeded', () => server.statusesOf(payload.id).includes('succeeded'));
  });

  it('gives up after repeated 4401 (revoked device) and exits with code 3', async () => {
    server.revoked.add(deviceId);
    server.dropAll();
    const code = await agent.exited;
    expect(code).toBe(3);
    expect(agent.output).toContain('giving up');
    expect(agent.output.match(/server refused this device/g)).toHaveLength(5);
  });
});
