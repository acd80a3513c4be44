import { randomBytes } from 'node:crypto';
import { agentMessageSchema, CLOSE_CODES, HELLO_TIMEOUT_MS, HEARTBEAT_INTERVAL_MS, PROTOCOL_VERSION, inventorySchema, type AgentMessage, type SignedCommand } from '@porta/agent-protocol';
import { publicKeyFromRaw, verifyHello } from '@porta/agent-protocol/sign';
import type { WebSocket } from 'ws';
import type { AppContext } from '../../platform/context.ts';
import { decrypt } from '../../platform/crypto/keys.ts';
import type { BusMessage } from '../../platform/events/bus.ts';
import * as devices from '../devices/devices.repo.ts';
import { recordAgentReport, sendClaimed } from '../agent-commands/commands.service.ts';
import * as commands from '../agent-commands/commands.repo.ts';

interface LiveAgent {
  ws: WebSocket;
  tenantId: string;
  lastSeenWrite: number;
  /** Answered the last ping (or sent anything since): a socket silent for a whole interval is dropped. */
  alive: boolean;
}

/** Heartbeats refresh `last_seen_at` at most this often (one write per agent per interval). */
const SEEN_WRITE_MS = HEARTBEAT_INTERVAL_MS / 2;

/**
 * SS-1, SS-7: this node's agent connections (deviceId → socket). A device has one socket per
 * node; a newer connection replaces an older one. Commands queued anywhere reach the node that
 * holds the socket through the bus (`agent-command.queued`), revocations close it at once
 * (`device.revoked`), on every node.
 */
export class AgentGateway {
  private readonly agents = new Map<string, LiveAgent>();
  private readonly pinger: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly ctx: AppContext) {
    this.pinger = setInterval(() => this.pingAll(), HEARTBEAT_INTERVAL_MS);
    this.pinger.unref();
  }

  get size(): number {
    return this.agents.size;
  }

  isConnected(deviceId: string): boolean {
    return this.agents.has(deviceId);
  }

  onBus(m: BusMessage): void {
    if (m.topic === 'agent-command.queued' && this.agents.has(m.deviceId)) void this.deliver(m.tenantId, m.deviceId).catch(() => undefined);
    if (m.topic === 'device.revoked') {
      const live = this.agents.get(m.deviceId);
      if (live && live.tenantId === m.tenantId) live.ws.close(CLOSE_CODES.UNAUTHORIZED, 'revoked');
    }
  }

  /** Sends the device its queued, unexpired commands (each claimed once in SQL, so never twice). */
  async deliver(tenantId: string, deviceId: string): Promise<void> {
    const live = this.agents.get(deviceId);
    if (!live || live.tenantId !== tenantId) return;
    const claimed = await commands.claimQueued(this.ctx.db, tenantId, deviceId);
    for (const c of claimed) {
      const command = JSON.parse(decrypt(this.ctx.keys, c.signed_enc)) as SignedCommand;
      live.ws.send(JSON.stringify({ type: 'command', command }));
    }
    await sendClaimed(this.ctx, claimed);
  }

  /** One agent connection: challenge, signed hello, welcome, then messages until it closes. */
  accept(ws: WebSocket, tenantId: string | undefined): void {
    if (this.closing) return ws.close(CLOSE_CODES.SERVER_SHUTDOWN, 'shutting down');
    const nonce = randomBytes(32).toString('base64url');
    let deviceId: string | null = null;
    const helloTimer = setTimeout(() => ws.close(CLOSE_CODES.HELLO_TIMEOUT, 'no hello'), HELLO_TIMEOUT_MS);
    let queue = Promise.resolve();
    ws.send(JSON.stringify({ type: 'challenge', nonce }));
    ws.on('message', (data, isBinary) => {
      // Messages are handled one at a time, in order (an ack before its status).
      queue = queue.then(() => this.onMessage(ws, tenantId, nonce, data.toString(), isBinary, deviceId, (id) => {
        clearTimeout(helloTimer);
        deviceId = id;
      })).catch(() => ws.close(CLOSE_CODES.BAD_MESSAGE, 'error'));
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      if (deviceId && this.agents.get(deviceId)?.ws === ws) {
        this.agents.delete(deviceId);
        if (tenantId) void devices.markSeen(this.ctx.db, tenantId, deviceId, false).catch(() => undefined);
      }
    });
    ws.on('pong', () => {
      if (deviceId) void this.touch(deviceId);
    });
    ws.on('error', () => ws.terminate());
  }

  private async onMessage(ws: WebSocket, tenantId: string | undefined, nonce: string, text: string, isBinary: boolean, deviceId: string | null, welcomed: (id: string) => void): Promise<void> {
    let msg: AgentMessage;
    try {
      if (isBinary) throw new Error('binary');
      msg = agentMessageSchema.parse(JSON.parse(text));
    } catch {
      return ws.close(CLOSE_CODES.BAD_MESSAGE, 'bad message');
    }
    if (!deviceId) {
      if (msg.type !== 'hello' || msg.protocol !== PROTOCOL_VERSION || !tenantId) return ws.close(CLOSE_CODES.UNAUTHORIZED, 'hello expected');
      const device = await devices.findDeviceKey(this.ctx.db, tenantId, msg.deviceId);
      if (!device || device.revoked_at || !verifyHello(msg.deviceId, nonce, msg.signature, publicKeyFromRaw(device.public_key))) return ws.close(CLOSE_CODES.UNAUTHORIZED, 'unknown device');
      if (ws.readyState !== ws.OPEN) return;
      const previous = this.agents.get(msg.deviceId);
      this.agents.set(msg.deviceId, { ws, tenantId, lastSeenWrite: Date.now(), alive: true });
      previous?.ws.close(CLOSE_CODES.REPLACED, 'replaced');
      welcomed(msg.deviceId);
      ws.send(JSON.stringify({ type: 'welcome', serverTime: new Date().toISOString() }));
      await devices.markSeen(this.ctx.db, tenantId, msg.deviceId, true);
      // A revocation that landed between the key check and the map entry closes it now.
      const again = await devices.findDeviceKey(this.ctx.db, tenantId, msg.deviceId);
      if (!again || again.revoked_at) return ws.close(CLOSE_CODES.UNAUTHORIZED, 'revoked');
      return this.deliver(tenantId, msg.deviceId);
    }
    if (!tenantId) return;
    switch (msg.type) {
      case 'hello':
        return ws.close(CLOSE_CODES.BAD_MESSAGE, 'second hello');
      case 'heartbeat':
        return this.touch(deviceId);
      case 'inventory': {
        const inventory = inventorySchema.parse(msg.inventory);
        return devices.storeInventory(this.ctx.db, tenantId, deviceId, inventory);
      }
      case 'ack':
        await recordAgentReport(this.ctx, tenantId, deviceId, { commandId: msg.commandId, status: 'acknowledged' });
        return;
      case 'status':
        await recordAgentReport(this.ctx, tenantId, deviceId, { commandId: msg.commandId, status: msg.status, reason: msg.reason, detail: msg.detail });
        return;
    }
  }

  private async touch(deviceId: string): Promise<void> {
    const live = this.agents.get(deviceId);
    if (live) live.alive = true;
    if (!live || Date.now() - live.lastSeenWrite < SEEN_WRITE_MS) return;
    live.lastSeenWrite = Date.now();
    await devices.markSeen(this.ctx.db, live.tenantId, deviceId, true).catch(() => undefined);
  }

  /** Server pings every heartbeat interval; a socket that answered nothing since the last one is dead (half-open TCP) and is dropped. */
  private pingAll(): void {
    for (const live of this.agents.values()) {
      if (!live.alive) {
        live.ws.terminate();
        continue;
      }
      live.alive = false;
      if (live.ws.readyState === live.ws.OPEN) live.ws.ping();
    }
  }

  /** The node is stopping: agents reconnect (with backoff) to a node that is up. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pinger);
    const ids = [...this.agents.keys()];
    for (const { ws } of this.agents.values()) ws.close(CLOSE_CODES.SERVER_SHUTDOWN, 'shutting down');
    this.agents.clear();
    await devices.markOffline(this.ctx.db, ids).catch(() => undefined);
  }
}
