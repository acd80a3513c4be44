/**
 * One load per key at a time: a caller that asks for a key while its load runs gets that
 * load's answer (or error) instead of starting another.
 *
 * Issue 16: the per-process caches in front of every request (sessions for 5 s, tenants by
 * host for 10 s) expired for everyone at once. Every request in flight then missed and sent
 * the same lookup: ~50 session queries (and as many `last_seen_at` updates of one row) queued
 * before the list queries on a pool of 4, the 100–250 ms stalls seen at the start of each
 * bench round and every 5 s under steady load.
 */
export class SingleFlight<K, V> {
  private readonly running = new Map<K, Promise<V>>();

  run(key: K, load: () => Promise<V>): Promise<V> {
    const current = this.running.get(key);
    if (current) return current;
    const started: Promise<V> = Promise.resolve()
      .then(load)
      .finally(() => {
        if (this.running.get(key) === started) this.running.delete(key);
      });
    this.running.set(key, started);
    return started;
  }

  /** Callers from now on start loads of their own: the running ones may predate a change. */
  forget(): void {
    this.running.clear();
  }

  get size(): number {
    return this.running.size;
  }
}
