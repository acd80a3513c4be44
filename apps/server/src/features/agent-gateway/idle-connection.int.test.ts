import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectAgent } from '../../test/agent-client.ts';
import { makeDevice } from '../../test/devices.ts';
import { makeCustomer, makeTenant } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';

/**
 * Issue 12 (memory per idle connection): a welcomed agent's socket keeps nothing of the HTTP
 * request that opened it (no response object on the TCP socket, no listener closing over the
 * Fastify request), and a socket error still ends only that connection.
 */
describe('an idle agent connection', () => {
  it('holds no HTTP request or response, and a socket error closes it without taking the node down', async () => {
    const node = await createTestApp();
    try {
      await node.app.listen({ port: 0, host: '127.0.0.1' });
      const fx = await makeTenant(node.ctx);
      const device = await makeDevice(node.ctx, fx.tenant.id, (await makeCustomer(node.ctx, fx.tenant.id)).id);
      const agent = connectAgent(`http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`, fx.host, device);
      expect(await agent.welcomed).toBe(true);
      const [ws] = [...node.app.websocketServer.clients];
      expect(ws).toBeDefined();
      const tcp = (ws as unknown as { _socket: { _httpMessage?: unknown } })._socket;
      expect(tcp._httpMessage ?? null).toBeNull();
      expect(ws!.listenerCount('error')).toBe(1);
      ws!.emit('error', new Error('connection reset'));
      expect((await agent.closed).code).toBe(1006);
      const again = connectAgent(`http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`, fx.host, device);
      expect(await again.welcomed).toBe(true);
      await again.close();
    } finally {
      await node.close();
    }
  });
});
