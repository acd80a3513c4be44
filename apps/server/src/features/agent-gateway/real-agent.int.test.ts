import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { DeviceDetail, EnrolmentTokenCreated } from '@porta/contracts/devices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCommand, sweepExpired } from '../agent-commands/commands.service.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { type RunningDatabase, startIsolatedDatabase } from '../../test/database.ts';
import { makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, sharedDatabase } from '../../test/harness.ts';
import { type Spawned, spawnCommand } from '../../test/processes.ts';
import { eventually } from '../../test/tickets.ts';

/**
 * Issue 12 with the real agent (apps/agent, dry-run executor) as a separate process against the
 * real server over TCP (SS-1, SS-7, SS-8). The agent reaches the server at 127.0.0.1, whose
 * Host names no tenant, so the app runs on a database of its own where the one tenant is the
 * default tenant.
 */
let iso: RunningDatabase;
let node: Awaited<ReturnType<typeof createTestApp>>;
let fx: TenantFixture;
let admin: Client;
let url: string;
let stateDir: string;
let agentProc: Spawned | null = null;
let deviceId: string;

const dryRun = (): { commandId: string; action: string; argv: string[] }[] => {
  const file = path.join(stateDir, 'dry-run.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { commandId: string; action: string; argv: string[] });
};
const commandStatus = async (id: string) => (await node.ctx.db.selectFrom('agent_commands').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const online = async () => (await node.ctx.db.selectFrom('devices').select('online').where('id', '=', deviceId).executeTakeFirstOrThrow()).online;
const issue = (action: 'restart' | 'lock' | 'logout') => issueCommand(node.ctx, fx.tenant.id, { deviceId, action, params: {}, verificationId: crypto.randomUUID(), requestedBy: { technicianId: fx.admin.id } });

const npmEnv = { ...process.env, PORTA_AGENT_BACKOFF_BASE_MS: '100', PORTA_AGENT_BACKOFF_CAP_MS: '500', npm_config_loglevel: 'silent' };
/**
 * `npm run agent -- run …` is `tsx apps/agent/src/main.ts run …`; the agent is started as that
 * one node process (not under npm and sh) so that killing it really takes the agent offline.
 */
async function startAgent(): Promise<void> {
  agentProc = await spawnCommand(process.execPath, ['--import', 'tsx', 'apps/agent/src/main.ts', 'run', '--state', stateDir], { env: npmEnv });
}
async function stopAgent(): Promise<void> {
  await agentProc?.kill();
  agentProc = null;
}

beforeAll(async () => {
  iso = await startIsolatedDatabase(sharedDatabase());
  node = await createTestApp({ database: iso.info });
  await node.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
  fx = await makeTenant(node.ctx);
  admin = await mintSession(node.app, node.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-agent-state-'));
}, 120_000);

afterAll(async () => {
  await stopAgent();
  await node?.close();
  await iso?.stop();
  if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
});

describe('the real agent process against the real server', () => {
  it('enrols with a console token, connects, reports its inventory, runs a signed command (dry-run argv) and reports back', async () => {
    const customerId = (await makeCustomer(node.ctx, fx.tenant.id)).id;
    const tok = (await admin.post('/api/v1/enrolment-tokens', { customerId })).json<EnrolmentTokenCreated>();
    const enrol = await spawnCommand('npm', ['run', '--silent', 'agent', '--', 'enrol', '--server', url, '--token', tok.token, '--state', stateDir, '--executor', 'dry-run'], { env: npmEnv });
    const code = await new Promise<number | null>((resolve) => enrol.proc.once('exit', (c) => resolve(c)));
    expect(code, enrol.output()).toBe(0);
    const device = await node.ctx.db.selectFrom('devices').select('id').where('tenant_id', '=', fx.tenant.id).executeTakeFirstOrThrow();
    deviceId = device.id;

    await startAgent();
    expect(await eventually(online, 60_000, 200), agentProc?.output()).toBe(true);
    const detail = (await admin.get(`/api/v1/devices/${deviceId}`)).json<DeviceDetail>();
    expect(detail.hostname).toBe(os.hostname());
    expect(detail.inventory.os).toBe('linux');

    const issued = await issue('restart');
    expect(await eventually(async () => (await commandStatus(issued.id)) === 'succeeded', 30_000, 100), agentProc?.output()).toBe(true);
    expect(dryRun().find((l) => l.commandId === issued.id)?.argv).toEqual(['systemctl', 'reboot']);
    const events = (await admin.get(`/api/v1/devices/${deviceId}`)).json<DeviceDetail>().commands.find((c) => c.id === issued.id)?.events.map((e) => e.status);
    expect(events?.slice(0, 3)).toEqual(['queued', 'sent', 'acknowledged']);
    expect(events?.at(-1)).toBe('succeeded');
  }, 180_000);

  it('an offline agent gets its command when it returns; an expired one never runs', async () => {
    await stopAgent();
    expect(await eventually(async () => !(await online()), 10_000)).toBe(true);
    const stale = await issue('logout');
    await node.ctx.db.updateTable('agent_commands').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', stale.id).execute();
    await sweepExpired(node.ctx);
    // restart: lock and logout need a user session at the console, which this headless host has not.
    const waiting = await issue('restart');
    expect(await commandStatus(waiting.id)).toBe('queued');
    await startAgent();
    expect(await eventually(async () => (await commandStatus(waiting.id)) === 'succeeded', 60_000, 100), agentProc?.output()).toBe(true);
    expect(dryRun().find((l) => l.commandId === waiting.id)?.argv).toEqual(['systemctl', 'reboot']);
    expect(dryRun().some((l) => l.commandId === stale.id)).toBe(false);
    expect(await commandStatus(stale.id)).toBe('expired');
  }, 120_000);

  it('a revoked device is cut off at once, and the agent gives up after repeated refusals', async () => {
    const ran = dryRun().length;
    expect((await admin.post(`/api/v1/devices/${deviceId}/revoke`)).statusCode).toBe(200);
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 60_000);
      agentProc?.proc.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(exit, agentProc?.output()).toBe(3);
    expect(agentProc?.output()).toContain('4401');
    await expect(issue('restart')).rejects.toMatchObject({ code: 'DEVICE_REVOKED' });
    expect(dryRun()).toHaveLength(ran);
    agentProc = null;
  }, 90_000);
});
