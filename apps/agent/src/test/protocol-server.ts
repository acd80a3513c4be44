import { randomUUID, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  agentMessageSchema,
  canonicalBytes,
  CLOSE_CODES,
  CONNECT_PATH,
  ENROL_PATH,
  enrolRequestSchema,
  MAX_FRAME_BYTES,
  type AgentMessage,
  type CommandPayload,
  type EnrolResponse,
} from '@porta/agent-protocol';
import { generateSigningKeyPair, newNonce, publicKeyFromRaw, rawFromPublicKey, signBytes, signCommand, verifyHello } from '@porta/agent-protocol/sign';

/**
 * A small server speaking the agent protocol for the agent's tests: enrolment over HTTP, the
 * WebSocket handshake (challenge → hello verified against the enrolled key → welcome, or
 * 4401), and a signer for commands. It records every agent message.
 */
export class ProtocolServer {
  readonly tenantId = randomUUID();
  readonly signing = generateSigningKeyPair();
  readonly tokens = new Set<string>();
  readonly devices = new Map<string, KeyObject>();
  readonly messages: Array<{ at: number; message: AgentMessage }> = [];
  readonly revoked = new Set<string>();
  welcomes = 0;
  private server: http.Server | null = null;
  private wss: WebSocketServer | null = null;
  private sockets = new Map<string, WebSocket>();
  port = 0;

  async start(port = 0): Promise<void> {
    const server = http.createServer((req, res) => void this.http(req, res));
    const wss = new WebSocketServer({ server, path: CONNECT_PATH, maxPayload: MAX_FRAME_BYTES });
    wss.on('connection', (ws) => this.connection(ws));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.wss = wss;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops listening and drops every agent connection (abruptly, as a crashed node would). */
  async stop(): Promise<void> {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()));
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = null;
    this.wss = null;
  }

  /** Drops the current connections but keeps listening. */
  dropAll(): void {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
  }

  connected(deviceId: string): boolean {
    return this.sockets.has(deviceId);
  }

  payload(deviceId: string, over: Partial<CommandPayload> & Record<string, unknown> = {}): CommandPayload {
    const now = Date.now();
    return {
      v: 1,
      id: randomUUID(),
      tenantId: this.tenantId,
      deviceId,
      action: 'restart',
      params: {},
      nonce: newNonce(),
      verificationId: randomUUID(),
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 10 * 60 * 1000).toISOString(),
      ...over,
    } as CommandPayload;
  }

  sign(payload: CommandPayload) {
    return signCommand(payload, this.signing.privateKey);
  }

  /** Signs anything (the real signer would not): for unknown-action and bad-params cases. */
  signRaw(payload: Record<string, unknown>) {
    return { payload, signature: signBytes(canonicalBytes(payload), this.signing.privateKey) };
  }

  send(deviceId: string, command: unknown): void {
    this.sendRaw(deviceId, JSON.stringify({ type: 'command', command }));
  }

  /** Sends a text frame as is (for frames outside the protocol). */
  sendRaw(deviceId: string, text: string): void {
    const ws = this.sockets.get(deviceId);
    if (!ws) throw new Error(`device ${deviceId} is not connected`);
    ws.send(text);
  }

  statusesOf(commandId: string): string[] {
    return this.messages
      .map((m) => m.message)
      .filter((m) => (m.type === 'ack' || m.type === 'status') && m.commandId === commandId)
      .map((m) => (m.type === 'ack' ? 'ack' : m.type === 'status' ? (m.reason ? `${m.status}:${m.reason}` : m.status) : ''));
  }

  private async http(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== ENROL_PATH) {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const parsed = enrolRequestSchema.safeParse(JSON.parse(body));
    const reply = (status: number, json: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    if (!parsed.success) return reply(400, { error: { code: 'VALIDATION_FAILED', message: 'bad body' } });
    if (!this.tokens.delete(parsed.data.token)) return reply(403, { error: { code: 'ENROLMENT_TOKEN_INVALID', message: 'The enrolment token is invalid or used' } });
    const deviceId = randomUUID();
    this.devices.set(deviceId, publicKeyFromRaw(parsed.data.publicKey));
    const answer: EnrolResponse = { deviceId, tenantId: this.tenantId, commandPublicKey: rawFromPublicKey(this.signing.publicKey), serverTime: new Date().toISOString() };
    reply(201, answer);
  }

  private connection(ws: WebSocket): void {
    const nonce = newNonce();
    let deviceId: string | null = null;
    ws.send(JSON.stringify({ type: 'challenge', nonce }));
    ws.on('message', (data) => {
      const parsed = agentMessageSchema.safeParse(JSON.parse(String(data)));
      if (!parsed.success) return ws.close(CLOSE_CODES.BAD_MESSAGE, 'bad message');
      const message = parsed.data;
      this.messages.push({ at: Date.now(), message });
      if (message.type === 'hello') {
        const key = this.devices.get(message.deviceId);
        if (!key || this.revoked.has(message.deviceId) || !verifyHello(message.deviceId, nonce, message.signature, key)) {
          return ws.close(CLOSE_CODES.UNAUTHORIZED, 'unauthorized');
        }
        deviceId = message.deviceId;
        this.sockets.get(deviceId)?.close(CLOSE_CODES.REPLACED, 'replaced');
        this.sockets.set(deviceId, ws);
        this.welcomes += 1;
        ws.send(JSON.stringify({ type: 'welcome', serverTime: new Date().toISOString() }));
        return;
      }
      if (!deviceId) ws.close(CLOSE_CODES.BAD_MESSAGE, 'hello first');
    });
    ws.on('close', () => {
      if (deviceId && this.sockets.get(deviceId) === ws) this.sockets.delete(deviceId);
    });
  }
}

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
