import type { EventBus } from '../events/bus.ts';
import type { Principal } from './principal.ts';

interface Entry {
  principal: Principal;
  lastSeenAt: Date;
  expiresAt: Date;
  until: number;
}

const MAX_ENTRIES = 50_000;

/**
 * Signed-in principals by session-token hash, for a few seconds (`PORTA_SESSION_CACHE_MS`,
 * default 5000; 0 turns it off). Saves the session query on most requests. Whatever could make
 * an entry wrong (sign-out, password or credential change, rights or settings changes) is
 * announced as `sessions.changed` on the bus, which every node hears, and drops the entries;
 * the short lifetime bounds staleness even if a message were lost.
 */
export class SessionCache {
  private entries = new Map<string, Entry>();

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

  drop(tenantId: string, subjectId: string | null): void {
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
