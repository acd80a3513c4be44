import type { AddressInfo } from 'node:net';
import { CLOSE_CODES } from '@porta/agent-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCommand } from '../agent-commands/commands.service.ts';
import { connectAgent } from '../../test/agent-client.ts';
import { mintSession } from '../../test/client.ts';
import { makeDevice } from '../../test/devices.ts';
import { makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, useTestApp } from '../../test/harness.ts';
import { eventually } from '../../test/tickets.ts';

/**
 * SS-7 with several app nodes on one PostgreSQL: a command issued on node A reaches the agent
 * connected to node B (LISTEN/NOTIFY), and a revocation on A closes B's socket at once.
 */
const main = useTestApp();

/** Both engines: a node that stops tells its agents to go elsewhere (1012) and marks them offline. */
describe('a stopping node', () => {
  it('closes its agents with 1012 (reconnect elsewhere) and marks them offline', async () => {
    const node = await createTestApp();
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    const fx = await makeTenant(node.ctx);
    const device = await makeDevice(node.ctx, fx.tenant.id, (await makeCustomer(node.ctx, fx.tenant.id)).id);
    const agent = connectAgent(`http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`, fx.host, device);
    expect(await agent.welcomed).toBe(true);
    const online = async () => (await node.ctx.db.selectFrom('devices').select('online').where('id', '=', device.id).executeTakeFirstOrThrow()).online;
    expect(await eventually(online)).toBe(true);
    const closing = node.close();
    expect((await agent.closed).code).toBe(CLOSE_CODES.SERVER_SHUTDOWN);
    await closing;
    const row = await main.ctx.db.selectFrom('devices').select('online').where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(row.online).toBe(false);
  });
});

if (sharedDatabase().engine === 'postgres') describe('agent commands across two app nodes', () => {
  const a = main;
  let b: Awaited<ReturnType<typeof createTestApp>>;
  let fx: TenantFixture;
  let customerId: string;
  let urlB: string;

  beforeAll(async () => {
    b = await createTestApp();
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    urlB = `http://127.0.0.1:${(b.app.server.address() as AddressInfo).port}`;
    fx = await makeTenant(a.ctx);
    customerId = (await makeCustomer(a.ctx, fx.tenant.id)).id;
  });
  afterAll(async () => {
    await b?.close();
  });

  it('a command issued on node A is delivered by node B, which holds the socket, exactly once', async () => {
    const device = await makeDevice(a.ctx, fx.tenant.id, customerId);
    const agent = connectAgent(urlB, fx.host, device);
    expect(await agent.welcomed).toBe(true);
    const issued = await issueCommand(a.ctx, fx.tenant.id, { deviceId: device.id, action: 'restart', params: {}, verificationId: crypto.randomUUID(), requestedBy: {} });
    const got = await agent.nextCommand();
    expect(got.payload.id).toBe(issued.id);
    agent.send({ type: 'ack', commandId: issued.id });
    agent.send({ type: 'status', commandId: issued.id, status: 'succeeded' });
    const status = async () => (await a.ctx.db.selectFrom('agent_commands').select('status').where('id', '=', issued.id).executeTakeFirstOrThrow()).status;
    expect(await eventually(async () => (await status()) === 'succeeded', 5_000)).toBe(true);
    expect(agent.commands).toEqual([]);
    await agent.close();
  });

  it('a device revoked through node A loses its socket on node B at once', async () => {
    const device = await makeDevice(a.ctx, fx.tenant.id, customerId);
    const agent = connectAgent(urlB, fx.host, device);
    expect(await agent.welcomed).toBe(true);
    const admin = await mintSession(a.app, a.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
    expect((await admin.post(`/api/v1/devices/${device.id}/revoke`)).statusCode).toBe(200);
    expect((await agent.closed).code).toBe(CLOSE_CODES.UNAUTHORIZED);
  });
});
