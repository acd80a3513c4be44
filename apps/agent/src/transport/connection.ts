import type { KeyObject } from 'node:crypto';
import WebSocket from 'ws';
import {
  CLOSE_CODES,
  CONNECT_PATH,
  HEARTBEAT_INTERVAL_MS,
  INVENTORY_INTERVAL_MS,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  serverMessageSchema,
  type AgentMessage,
  type Inventory,
} from '@porta/agent-protocol';
import { signHello } from '@porta/agent-protocol/sign';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';

export interface ConnectionOptions {
  server: string;
  deviceId: string;
  privateKey: KeyObject;
  agentVersion: string;
  onCommand: (raw: unknown, send: (message: AgentMessage) => void) => void;
  collectInventory: () => Promise<Inventory>;
  fingerprint: (inventory: Inventory) => string;
  backoff?: BackoffOptions;
  heartbeatMs?: number;
  /** How often the inventory is compared with the last one sent. */
  inventoryCheckMs?: number;
  inventoryMaxAgeMs?: number;
  /** Consecutive 4401 closes after which the agent gives up. */
  maxUnauthorized?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export type StopReason = 'stopped' | 'unauthorized';

/** ws:// or wss:// address of the connect endpoint for an http(s) server URL. */
export function connectUrl(server: string): string {
  const url = new URL(CONNECT_PATH, server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * Keeps one outbound WebSocket to the server: challenge → signed hello → welcome, then
 * heartbeats (and WebSocket pings to notice a dead server), inventory on change and every
 * 24 h, commands handed to `onCommand`. Reconnects with full-jitter exponential backoff; after
 * `maxUnauthorized` consecutive 4401 closes it stops and says why.
 */
export class AgentConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private unauthorized = 0;
  private stopped = false;
  private timers = new Set<NodeJS.Timeout>();
  private outbox: AgentMessage[] = [];
  private lastInventory: { fingerprint: string; at: number } | null = null;
  private finish: ((reason: StopReason) => void) | null = null;
  /** Counts successful handshakes (tests and logs). */
  welcomes = 0;

  constructor(private readonly options: ConnectionOptions) {}

  private get log() {
    return this.options.log ?? (() => {});
  }

  private get now() {
    return this.options.now ?? Date.now;
  }

  /** Runs until stop() or until the server keeps refusing the device. */
  run(): Promise<StopReason> {
    return new Promise((resolve) => {
      this.finish = resolve;
      this.connect();
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.socket?.close(1000, 'agent stopping');
    this.finish?.('stopped');
  }

  /** Sends now when connected, else keeps ack/status messages for the next connection. */
  send = (message: AgentMessage): void => {
    if (this.socket?.readyState === WebSocket.OPEN && this.ready) {
      this.socket.send(JSON.stringify(message));
    } else if (message.type === 'ack' || message.type === 'status') {
      this.outbox.push(message);
    }
  };

  private ready = false;

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private connect(): void {
    if (this.stopped) return;
    const url = connectUrl(this.options.server);
    const ws = new WebSocket(url, { maxPayload: MAX_FRAME_BYTES, handshakeTimeout: 15_000 });
    this.socket = ws;
    this.ready = false;
    let lastHeard = this.now();
    let welcomedAt: number | null = null;
    let heartbeat: NodeJS.Timeout | null = null;
    let inventoryTimer: NodeJS.Timeout | null = null;
    const heartbeatMs = this.options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS;

    const cleanup = () => {
      if (heartbeat) clearInterval(heartbeat);
      if (inventoryTimer) clearInterval(inventoryTimer);
    };

    ws.on('ping', () => (lastHeard = this.now()));
    ws.on('pong', () => (lastHeard = this.now()));
    ws.on('message', (data, isBinary) => {
      lastHeard = this.now();
      if (isBinary) return ws.close(CLOSE_CODES.BAD_MESSAGE, 'binary frame');
      let parsed;
      try {
        parsed = serverMessageSchema.safeParse(JSON.parse(data.toString()));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        this.log('server sent a message outside the protocol; closing');
        return ws.close(CLOSE_CODES.BAD_MESSAGE, 'bad message');
      }
      const msg = parsed.data;
      if (msg.type === 'challenge') {
        const signature = signHello(this.options.deviceId, msg.nonce, this.options.privateKey);
        ws.send(JSON.stringify({ type: 'hello', deviceId: this.options.deviceId, protocol: PROTOCOL_VERSION, agentVersion: this.options.agentVersion, signature } satisfies AgentMessage));
        return;
      }
      if (msg.type === 'welcome') {
        this.ready = true;
        welcomedAt = this.now();
        this.unauthorized = 0;
        this.welcomes += 1;
        const skew = Date.parse(msg.serverTime) - Date.now();
        this.log(`connected to ${url}${Math.abs(skew) > 60_000 ? ` (clock differs from the server by ${Math.round(skew / 1000)} s)` : ''}`);
        const pending = this.outbox;
        this.outbox = [];
        for (const m of pending) ws.send(JSON.stringify(m));
        void this.sendInventory(ws, true);
        heartbeat = setInterval(() => {
          if (this.now() - lastHeard > heartbeatMs * 3) {
            this.log('server silent for three heartbeats; reconnecting');
            ws.terminate();
            return;
          }
          ws.send(JSON.stringify({ type: 'heartbeat' } satisfies AgentMessage));
          ws.ping();
        }, heartbeatMs);
        inventoryTimer = setInterval(() => void this.sendInventory(ws, false), this.options.inventoryCheckMs ?? 5 * 60_000);
        return;
      }
      if (!this.ready) return ws.close(CLOSE_CODES.BAD_MESSAGE, 'command before welcome');
      this.options.onCommand(msg.command, this.send);
    });
    ws.on('error', (error) => this.log(`connection error: ${error.message}`));
    ws.on('close', (code, reason) => {
      cleanup();
      this.ready = false;
      if (this.socket === ws) this.socket = null;
      if (this.stopped) return;
      // A connection that held for a while resets the backoff; one dropped right after the
      // welcome does not (a server that accepts and drops must not get a tight loop).
      if (welcomedAt !== null && this.now() - welcomedAt >= heartbeatMs) this.attempt = 0;
      if (code === CLOSE_CODES.UNAUTHORIZED) {
        this.unauthorized += 1;
        const max = this.options.maxUnauthorized ?? 5;
        this.log(`server refused this device (4401 ${reason.toString() || 'unauthorized'}), ${this.unauthorized}/${max}`);
        if (this.unauthorized >= max) {
          this.log('giving up: the device is unknown to the server or was revoked; enrol again with a new token');
          this.stopped = true;
          for (const t of this.timers) clearTimeout(t);
          this.finish?.('unauthorized');
          return;
        }
      }
      const delay = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF);
      this.attempt += 1;
      this.log(`disconnected (${code}); retrying in ${delay} ms`);
      this.later(delay, () => this.connect());
    });
  }

  private async sendInventory(ws: WebSocket, force: boolean): Promise<void> {
    try {
      const inventory = await this.options.collectInventory();
      const fingerprint = this.options.fingerprint(inventory);
      const maxAge = this.options.inventoryMaxAgeMs ?? INVENTORY_INTERVAL_MS;
      const last = this.lastInventory;
      if (!force && last && last.fingerprint === fingerprint && this.now() - last.at < maxAge) return;
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify({ type: 'inventory', inventory } satisfies AgentMessage));
      this.lastInventory = { fingerprint, at: this.now() };
    } catch (error) {
      this.log(`inventory failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
