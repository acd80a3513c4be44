import { randomBytes } from 'node:crypto';
import { agentMessageSchema, CLOSE_CODES, HELLO_TIMEOUT_MS, HEARTBEAT_INTERVAL_MS, PROTOCOL_VERSION, inventorySchema, type AgentMessage, type Inventory, type SignedCommand } from '@porta/agent-protocol';
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
 * Pings are spread over the heartbeat interval: every HEARTBEAT_INTERVAL_MS / PING_SLOTS one
 * slot of the agents is pinged, so 10,000 sockets cost ~330 pings a second instead of one
 * 10,000-ping stall of the event loop (and a burst of 10,000 pongs) every interval. 300 slots
 * (a tick every 100 ms, ~33 pings at 10,000 agents): each ping is a write system call, and a
 * CPU profile of the server with 10,000 agents on the shared bench host showed those writes as
 * its main work (~0.2 ms each), so 30 slots (~330 pings a tick) stalled the loop ~75 ms a second.
 */
export const PING_SLOTS = 300;

/**
 * The agents of a node spread over `count` slots, one pinged per tick: each agent once per
 * round of `count` ticks. A new agent goes to the emptiest slot, so slots stay even as agents
 * come and go.
 */
export class PingSlots<T> {
  private readonly slots: Set<T>[];
  private readonly slotOf = new Map<T, number>();
  private cursor = 0;

  constructor(readonly count = PING_SLOTS) {
    this.slots = Array.from({ length: count }, () => new Set<T>());
  }

  get size(): number {
    return this.slotOf.size;
  }

  add(item: T): void {
    if (this.slotOf.has(item)) return;
    let best = 0;
    for (let i = 1; i < this.count; i++) if (this.slots[i]!.size < this.slots[best]!.size) best = i;
    this.slots[best]!.add(item);
    this.slotOf.set(item, best);
  }

  remove(item: T): void {
    const slot = this.slotOf.get(item);
    if (slot === undefined) return;
    this.slots[slot]!.delete(item);
    this.slotOf.delete(item);
  }

  /** The agents of the next slot (a copy: the caller may drop some of them). */
  next(): T[] {
    const slot = this.slots[this.cursor]!;
    this.cursor = (this.cursor + 1) % this.count;
    return [...slot];
  }

  clear(): void {
    for (const slot of this.slots) slot.clear();
    this.slotOf.clear();
  }
}

/** Presence (online, last seen) and inventories are written in batches this often: one statement for every device that changed. */
export const PRESENCE_FLUSH_MS = 1000;

/** Rows per presence statement. */
const PRESENCE_BATCH = 2000;

/**
 * Issue 12: the gateway's presence writes. A welcome, a heartbeat, an inventory or a close
 * used to be one UPDATE each, straight away: 10,000 agents answering a ping round or
 * reconnecting after a restart queued 10,000 statements in front of every other query of the
 * node (a command's claim included). Here each device's latest state waits at most
 * PRESENCE_FLUSH_MS and goes out with the others in one statement (`writePresence`; the latest
 * event wins across nodes).
 */
export class PresenceWriter {
  private pending = new Map<string, devices.PresenceWrite>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ctx: AppContext,
    flushMs = PRESENCE_FLUSH_MS,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  get size(): number {
    return this.pending.size;
  }

  seen(tenantId: string, id: string, online: boolean): void {
    const before = this.pending.get(id);
    this.pending.set(id, { tenantId, id, online, at: new Date(), inventory: before?.inventory });
  }

  inventory(tenantId: string, id: string, inventory: Inventory): void {
    const before = this.pending.get(id);
    this.pending.set(id, { tenantId, id, online: before?.online ?? true, at: new Date(), inventory });
  }

  /** Writes what is pending (one statement per PRESENCE_BATCH devices); flushes never overlap. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const rows = [...this.pending.values()];
      this.pending = new Map();
      for (let i = 0; i < rows.length; i += PRESENCE_BATCH) await devices.writePresence(this.ctx.db, rows.slice(i, i + PRESENCE_BATCH)).catch(() => undefined);
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/**
 * SS-1, SS-7: this node's agent connections (deviceId → socket). A device has one socket per
 * node; a newer connection replaces an older one. Commands queued anywhere reach the node that
 * holds the socket through the bus (`agent-command.queued`), revocations close it at once
 * (`device.revoked`), on every node.
 */
export class AgentGateway {
  private readonly agents = new Map<string, LiveAgent>();
  private readonly pings = new PingSlots<LiveAgent>();
  private readonly pinger: NodeJS.Timeout;
  readonly presence: PresenceWriter;
  private closing = false;

  constructor(private readonly ctx: AppContext) {
    this.presence = new PresenceWriter(ctx);
    this.pinger = setInterval(() => this.pingNextSlot(), HEARTBEAT_INTERVAL_MS / PING_SLOTS);
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
    ws.on('error', () => ws.terminate());
    if (this.closing) return ws.close(CLOSE_CODES.SERVER_SHUTDOWN, 'shutting down');
    const nonce = randomBytes(32).toString('base64url');
    let deviceId: string | null = null;
    // Dropped once the agent is welcomed: an idle connection does not keep its spent timer.
    let helloTimer: NodeJS.Timeout | undefined = setTimeout(() => ws.close(CLOSE_CODES.HELLO_TIMEOUT, 'no hello'), HELLO_TIMEOUT_MS);
    let queue = Promise.resolve();
    ws.send(JSON.stringify({ type: 'challenge', nonce }));
    ws.on('message', (data, isBinary) => {
      // Messages are handled one at a time, in order (an ack before its status).
      queue = queue.then(() => this.onMessage(ws, tenantId, nonce, data.toString(), isBinary, deviceId, (id) => {
        clearTimeout(helloTimer);
        helloTimer = undefined;
        deviceId = id;
      })).catch(() => ws.close(CLOSE_CODES.BAD_MESSAGE, 'error'));
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      const live = deviceId ? this.agents.get(deviceId) : undefined;
      if (deviceId && live?.ws === ws) {
        this.agents.delete(deviceId);
        this.pings.remove(live);
        if (tenantId && !this.closing) this.presence.seen(tenantId, deviceId, false);
      }
    });
    ws.on('pong', () => {
      if (deviceId) this.touch(deviceId);
    });
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
      if (previous) this.pings.remove(previous);
      const live: LiveAgent = { ws, tenantId, lastSeenWrite: Date.now(), alive: true };
      this.agents.set(msg.deviceId, live);
      this.pings.add(live);
      previous?.ws.close(CLOSE_CODES.REPLACED, 'replaced');
      welcomed(msg.deviceId);
      ws.send(JSON.stringify({ type: 'welcome', serverTime: new Date().toISOString() }));
      this.presence.seen(tenantId, msg.deviceId, true);
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
        const live = this.agents.get(deviceId);
        if (live) {
          live.alive = true;
          live.lastSeenWrite = Date.now();
        }
        return this.presence.inventory(tenantId, deviceId, inventorySchema.parse(msg.inventory));
      }
      case 'ack':
        await recordAgentReport(this.ctx, tenantId, deviceId, { commandId: msg.commandId, status: 'acknowledged' });
        return;
      case 'status':
        await recordAgentReport(this.ctx, tenantId, deviceId, { commandId: msg.commandId, status: msg.status, reason: msg.reason, detail: msg.detail });
        return;
    }
  }

  private touch(deviceId: string): void {
    const live = this.agents.get(deviceId);
    if (live) live.alive = true;
    if (!live || Date.now() - live.lastSeenWrite < SEEN_WRITE_MS) return;
    live.lastSeenWrite = Date.now();
    this.presence.seen(live.tenantId, deviceId, true);
  }

  /**
   * Each agent is pinged once per heartbeat interval (one slot at a time, see PING_SLOTS); a
   * socket that answered nothing since its last ping is dead (half-open TCP) and is dropped.
   */
  private pingNextSlot(): void {
    for (const live of this.pings.next()) {
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
    for (const [id, { ws, tenantId }] of this.agents) {
      this.presence.seen(tenantId, id, false);
      ws.close(CLOSE_CODES.SERVER_SHUTDOWN, 'shutting down');
    }
    this.agents.clear();
    this.pings.clear();
    await this.presence.close();
  }
}
