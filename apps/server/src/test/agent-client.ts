import type { KeyObject } from 'node:crypto';
import { CONNECT_PATH, PROTOCOL_VERSION, type Inventory, type SignedCommand } from '@porta/agent-protocol';
import { signHello } from '@porta/agent-protocol/sign';
import WebSocket from 'ws';

/**
 * A protocol-level agent for tests (issue 12): connects over a real WebSocket, answers the
 * challenge with a signed hello, and records what the server sends. It does not execute
 * anything: tests decide what it reports back.
 */
export interface ProtocolAgent {
  ws: WebSocket;
  /** The server welcomed it (false when the server closed with a code instead). */
  welcomed: Promise<boolean>;
  commands: SignedCommand[];
  nextCommand(timeoutMs?: number): Promise<SignedCommand>;
  send(msg: Record<string, unknown>): void;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export function connectAgent(baseUrl: string, host: string, device: { id: string; privateKey: KeyObject }, opts: { inventory?: Inventory } = {}): ProtocolAgent {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${CONNECT_PATH}`, { headers: { host } });
  const commands: SignedCommand[] = [];
  const waiting: ((c: SignedCommand) => void)[] = [];
  let welcome: (ok: boolean) => void = () => undefined;
  const welcomed = new Promise<boolean>((resolve) => (welcome = resolve));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      welcome(false);
      resolve({ code, reason: reason.toString() });
    });
  });
  ws.on('error', () => undefined);
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { type: string; nonce?: string; command?: SignedCommand };
    if (msg.type === 'challenge' && msg.nonce) {
      ws.send(JSON.stringify({ type: 'hello', deviceId: device.id, protocol: PROTOCOL_VERSION, agentVersion: '0.1.0-test', signature: signHello(device.id, msg.nonce, device.privateKey) }));
    } else if (msg.type === 'welcome') {
      welcome(true);
      if (opts.inventory) ws.send(JSON.stringify({ type: 'inventory', inventory: opts.inventory }));
    } else if (msg.type === 'command' && msg.command) {
      const w = waiting.shift();
      if (w) w(msg.command);
      else commands.push(msg.command);
    }
  });
  return {
    ws,
    welcomed,
    commands,
    closed,
    nextCommand(timeoutMs = 10_000) {
      const c = commands.shift();
      if (c) return Promise.resolve(c);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no command arrived')), timeoutMs);
        waiting.push((cmd) => {
          clearTimeout(timer);
          resolve(cmd);
        });
      });
    },
    send(msg) {
      ws.send(JSON.stringify(msg));
    },
    async close() {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await closed;
    },
  };
}
