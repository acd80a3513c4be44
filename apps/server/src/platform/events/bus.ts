import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';

/** A change worth telling open browsers about. It carries ids only: clients refetch through the API, which applies every visibility rule. */
export interface LiveEvent {
  tenantId: string;
  topic: 'ticket.created' | 'ticket.updated' | 'ticket.commented';
  ticketId: string;
  customerId: string;
  requesterId: string;
  /** True for technician-only changes (internal notes): never sent to contacts. */
  internal: boolean;
}

/**
 * Cached sessions of a person (or, without `subjectId`, of the whole tenant) are stale:
 * sign-out, a password or credential change, or a change to what they may do.
 */
export interface SessionsChanged {
  tenantId: string;
  topic: 'sessions.changed';
  subjectId: string | null;
}

/**
 * Tenants or the platform's default tenant changed (`porta tenant default`, a new tenant):
 * every node's host → tenant cache is stale. Platform-wide, so it names no tenant.
 */
export interface TenantsChanged {
  topic: 'tenants.changed';
}

/**
 * D-2: a custom portal domain started or stopped routing to its tenant (verified, failed after
 * its grace period, removed). Every node's host → tenant cache drops it; the TLS side orders or
 * forgets its certificate.
 */
export interface TenantDomainsChanged {
  tenantId: string;
  topic: 'tenant.domains.changed';
  domain: string;
  change: 'verified' | 'unverified' | 'removed';
}

/** A KB article was written, published, unpublished, limited or deleted: every node's search index reloads it. */
export interface KbChanged {
  tenantId: string;
  topic: 'kb.changed';
  articleId: string;
}

/** Issue 12 (SS-7): a command changed state; the portal and the console stream it live. */
export interface AgentCommandChanged {
  tenantId: string;
  topic: 'agent-command.changed';
  commandId: string;
  deviceId: string;
  status: string;
  /**
   * When the command carries out a contact's self-service request: the request (the portal's
   * action id), its requester and the requester's company, so the portal stream reaches the
   * requester and the company's primary contacts only (SS-7). Null for technicians' commands.
   */
  actionId: string | null;
  contactId: string | null;
  customerId: string | null;
}

/** Issue 12: commands are queued for a device; the node holding its socket delivers them. */
export interface AgentCommandQueued {
  tenantId: string;
  topic: 'agent-command.queued';
  deviceId: string;
}

/** Issue 12: a device was revoked; the node holding its socket closes it at once. */
export interface DeviceRevoked {
  tenantId: string;
  topic: 'device.revoked';
  deviceId: string;
}

/**
 * SS-7: a self-service request changed state before any command existed (the kill switch
 * cancelled it while it awaited its code); reaches the same portal streams as a command change.
 */
export interface SelfServiceRequestChanged {
  tenantId: string;
  topic: 'self-service.request.changed';
  actionId: string;
  status: string;
  contactId: string;
  customerId: string;
}

export type DeviceMessage = AgentCommandChanged | AgentCommandQueued | DeviceRevoked | SelfServiceRequestChanged;

/** D-3: a certificate was issued, renewed or dropped: every node reloads it (or forgets it) for SNI. Platform-wide. */
export interface TlsChanged {
  topic: 'tls.changed';
  host: string;
}

export type BusMessage = LiveEvent | SessionsChanged | TenantsChanged | TenantDomainsChanged | KbChanged | DeviceMessage | TlsChanged;

/** A ticket change for open browsers (not a cache notice). */
export function isLiveEvent(m: BusMessage): m is LiveEvent {
  return m.topic === 'ticket.created' || m.topic === 'ticket.updated' || m.topic === 'ticket.commented';
}

export interface EventBus {
  publish(event: BusMessage): Promise<void>;
  subscribe(listener: (event: BusMessage) => void): () => void;
  close(): Promise<void>;
}

/** PGlite: one process owns the data dir, so an in-process emitter reaches every listener. */
export class LocalBus implements EventBus {
  private emitter = new EventEmitter().setMaxListeners(0);
  async publish(event: BusMessage): Promise<void> {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (event: BusMessage) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const CHANNEL = 'porta_events';

/**
 * PostgreSQL: NOTIFY fans events out to every app node; each node keeps one LISTEN
 * connection (reconnected with backoff) and hands events to its local listeners.
 * The publishing node delivers to its own listeners at once (so its own caches are never
 * stale after its own change) and ignores the echo of its notification.
 */
export class PgBus implements EventBus {
  private local = new LocalBus();
  private readonly nodeId = randomUUID();
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 500;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly connection: pg.ClientConfig,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client(this.connection);
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const { origin, ...event } = JSON.parse(msg.payload) as BusMessage & { origin?: string };
        if (origin !== this.nodeId) void this.local.publish(event as BusMessage);
      } catch {
        /* not ours */
      }
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    this.retryMs = 500;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 15_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start().catch(() => this.scheduleReconnect());
    }, wait);
    this.timer.unref();
  }

  /** Notifications waiting for the end of this event-loop turn, sent together as one statement. */
  private pending: { payload: string; sent: () => void; failed: (err: unknown) => void }[] = [];

  async publish(event: BusMessage): Promise<void> {
    await this.local.publish(event);
    await new Promise<void>((sent, failed) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ payload: JSON.stringify({ ...event, origin: this.nodeId }), sent, failed });
    });
  }

  /**
   * One NOTIFY statement for every event published in the same turn (under load, several
   * requests finish per turn): one round trip instead of one each. Order is kept: the
   * notifications of one statement are delivered in the order they were raised.
   */
  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.pool
      .query('select pg_notify($1, payload) from unnest($2::text[]) with ordinality as p(payload, n) order by n', [CHANNEL, batch.map((b) => b.payload)])
      .then(
        () => batch.forEach((b) => b.sent()),
        (err: unknown) => batch.forEach((b) => b.failed(err)),
      );
  }

  subscribe(listener: (event: BusMessage) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.local.close();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/** The bus for an engine: NOTIFY across nodes on PostgreSQL, in-process on PGlite. */
export async function createBus(engine: 'pglite' | 'postgres', pool: pg.Pool, connection: pg.ClientConfig): Promise<EventBus> {
  if (engine === 'pglite') return new LocalBus();
  const bus = new PgBus(pool, connection);
  await bus.start();
  return bus;
}
