import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AgentMessage, Inventory } from '@porta/agent-protocol';
import { generateSigningKeyPair, rawFromPublicKey } from '@porta/agent-protocol/sign';
import { inventoryFingerprint } from '../inventory.ts';
import { ProtocolServer, until } from '../test/protocol-server.ts';
import { AgentConnection, connectUrl } from './connection.ts';

// SS-1: inventory on change and at least every 24 h; statuses survive a dropped connection.

let server: ProtocolServer;
let connection: AgentConnection | null = null;
const device = generateSigningKeyPair();
const deviceId = '5b8d4a1e-9c7f-4e2a-8b3d-1f2e3d4c5b6a';

const inventory: Inventory = {
  hostname: 'pc-1', os: 'linux', osVersion: 'Debian 12', arch: 'x64', loggedInUser: 'alice', serial: null, agentVersion: '0.1.0', uptimeSeconds: 10,
  disks: [{ mount: '/', sizeBytes: 1000, freeBytes: 500 }],
};

beforeEach(async () => {
  server = new ProtocolServer();
  await server.start();
  server.devices.set(deviceId, device.publicKey);
});
afterEach(async () => {
  connection?.stop();
  connection = null;
  await server.stop();
});

function inventories(): Inventory[] {
  return server.messages.flatMap((m) => (m.message.type === 'inventory' ? [m.message.inventory] : []));
}

function connect(options: Partial<ConstructorParameters<typeof AgentConnection>[0]> = {}): AgentConnection {
  connection = new AgentConnection({
    server: server.url, deviceId, privateKey: device.privateKey, agentVersion: '0.1.0',
    onCommand: () => {}, collectInventory: async () => ({ ...inventory }), fingerprint: inventoryFingerprint,
    backoff: { baseMs: 50, capMs: 200 }, ...options,
  });
  void connection.run();
  return connection;
}

it('builds ws:// and wss:// addresses', () => {
  expect(connectUrl('http://127.0.0.1:3000')).toBe('ws://127.0.0.1:3000/api/v1/agent/connect');
  expect(connectUrl('https://portal.example.com')).toBe('wss://portal.example.com/api/v1/agent/connect');
  expect(rawFromPublicKey(device.publicKey)).toHaveLength(43);
});

it('sends the inventory on connect, again when it changes (not for uptime or free space), and when 24 h have passed', async () => {
  let clock = 0;
  connect({ inventoryCheckMs: 40, inventoryMaxAgeMs: 24 * 3600 * 1000, now: () => clock });
  await until('first inventory', () => inventories().length === 1);
  inventory.uptimeSeconds = 99;
  (inventory.disks[0] as { freeBytes: number }).freeBytes = 1;
  await new Promise((r) => setTimeout(r, 300));
  expect(inventories()).toHaveLength(1);
  inventory.loggedInUser = 'bob';
  await until('changed inventory', () => inventories().length === 2);
  expect(inventories()[1]?.loggedInUser).toBe('bob');
  clock += 24 * 3600 * 1000;
  await until('daily inventory', () => inventories().length === 3);
});

it('keeps statuses made while disconnected and sends them after the next welcome', async () => {
  let sendLater: ((m: AgentMessage) => void) | null = null;
  connect({ onCommand: (_raw, send) => (sendLater = send) });
  await until('connected', () => server.connected(deviceId));
  server.send(deviceId, { payload: {}, signature: 'x' });
  await until('command delivered', () => sendLater !== null);
  const welcomes = server.welcomes;
  const port = server.port;
  await server.stop();
  const commandId = '0d8e3b9a-1f2c-4d5e-8a7b-6c5d4e3f2a1b';
  sendLater!({ type: 'status', commandId, status: 'succeeded' });
  expect(server.statusesOf(commandId)).toEqual([]);
  await server.start(port);
  await until('reconnected', () => server.welcomes > welcomes);
  await until('status after reconnect', () => server.statusesOf(commandId).includes('succeeded'));
});

it('closes on a frame outside the protocol and reconnects', async () => {
  connect();
  await until('connected', () => server.connected(deviceId));
  const welcomes = server.welcomes;
  server.sendRaw(deviceId, '{"type":"run","argv":["rm"]}');
  await until('reconnected after bad frame', () => server.welcomes > welcomes);
});
