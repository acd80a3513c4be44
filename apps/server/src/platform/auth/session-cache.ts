import { SingleFlight } from '../cache/single-flight.ts';
import type { EventBus } from '../events/bus.ts';
import type { Principal } from './principal.ts';

interface Entry {
  principal: Principal;
  lastSeenAt: Date;
  expiresAt: Date;
  until: number;
}

const MAX_ENTRIES = 50_000;

/** A session read from the database: its principal and the times that say when it ends. */
export interface LoadedSession {
  principal: Principal;
  lastSeenAt: Date;
  expiresAt: Date;
}

/**
 * Signed-in principals by session-token hash, for a few seconds (`PORTA_SESSION_CACHE_MS`,
 * default 5000; 0 turns it off). Saves the session query on most requests. Whatever could make
 * an entry wrong (sign-out, password or credential change, rights or settings changes) is
 * announced as `sessions.changed` on the bus, which every node hears, and drops the entries;
 * the short lifetime bounds staleness even if a message were lost.
 *
 * A session the cache does not hold is read once however many of its requests arrive at the
 * same moment (`load`); a read that overlapped a `drop` is answered but not kept.
 */
export class SessionCache {
  private entries = new Map<string, Entry>();
  private readonly loads = new SingleFlight<string, Principal | null>();
  /** Counts drops, so a read that started before one is not cached after it. */
  private drops = 0;

  constructor(private readonly ttlMs: number) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(tokenHash: string, now = Date.now()): Entry | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    if (e.until <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return e;
  }

  set(tokenHash: string, principal: Principal, times: { lastSeenAt: Date; expiresAt: Date }, now = Date.now()): void {
    if (!this.enabled) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(tokenHash, { principal, ...times, until: now + this.ttlMs });
  }

  /**
   * The principal for `tokenHash`, read by `read` unless a read of the same session (`key`
   * names it with its kind and tenant) is already running, and cached.
   */
  async load(key: string, tokenHash: string, read: () => Promise<LoadedSession | null>): Promise<Principal | null> {
    if (!this.enabled) return (await read())?.principal ?? null;
    return this.loads.run(key, async () => {
      const drops = this.drops;
      const loaded = await read();
      if (!loaded) return null;
      if (drops === this.drops) this.set(tokenHash, loaded.principal, { lastSeenAt: loaded.lastSeenAt, expiresAt: loaded.expiresAt });
      return loaded.principal;
    });
  }

  drop(tenantId: string, subjectId: string | null): void {
    this.drops++;
    this.loads.forget();
    for (const [key, e] of this.entries) {
      if (e.principal.tenantId === tenantId && (subjectId === null || e.principal.id === subjectId)) this.entries.delete(key);
    }
  }

  listen(bus: EventBus): () => void {
    return bus.subscribe((m) => {
      if (m.topic === 'sessions.changed') this.drop(m.tenantId, m.subjectId);
    });
  }
}
