// Bench only (issue 12): what stalls a node while commands are dispatched. The same probe runs in
// the bench node (evaluated in-process) and in the server (evaluated through the inspector, see
// inspector.ts): the event loop's delay (perf_hooks monitorEventLoopDelay, 10 ms resolution), GC
// pauses (PerformanceObserver 'gc' entries) and the wait for a pool connection (pg's
// Pool.prototype.connect timed from call to connection; every Kysely statement and pool.query
// goes through it). Plain JavaScript in a string so that it can be sent to another process as is.
import vm from 'node:vm';

export interface ProbeStats {
  /** Event-loop delay over the window, ms. */
  loop: { p50: number; p99: number; max: number };
  /** GC pauses in the window: count, total and longest (ms); major = mark-sweep-compact. */
  gc: { count: number; totalMs: number; maxMs: number; major: number; majorMaxMs: number };
  /** Waits for a pool connection in the window (ms). */
  pool: { count: number; p50: number; p99: number; max: number };
  heapUsedMiB: number;
}

/**
 * Installs `globalThis.__portaBenchProbe` ({ start(), stop() → ProbeStats }). `pgFrom` is a path
 * from which `pg` resolves as the process's own code resolves it (the same module instance).
 */
export function probeSource(pgFrom: string): string {
  return `(() => {
  if (globalThis.__portaBenchProbe) return true;
  const { monitorEventLoopDelay, PerformanceObserver, performance } = process.getBuiltinModule('perf_hooks');
  const { createRequire } = process.getBuiltinModule('module');
  const pg = createRequire(${JSON.stringify(pgFrom)})('pg');
  let on = false;
  let waits = [];
  let gcs = [];
  const original = pg.Pool.prototype.connect;
  pg.Pool.prototype.connect = function (cb) {
    const t0 = performance.now();
    const done = () => { if (on) waits.push(performance.now() - t0); };
    if (typeof cb === 'function') return original.call(this, (err, client, release) => { done(); cb(err, client, release); });
    return original.call(this).then((client) => { done(); return client; });
  };
  const obs = new PerformanceObserver((list) => { if (on) for (const e of list.getEntries()) gcs.push({ ms: e.duration, kind: e.detail ? e.detail.kind : e.kind }); });
  obs.observe({ entryTypes: ['gc'] });
  const h = monitorEventLoopDelay({ resolution: 10 });
  const pct = (xs, p) => { if (xs.length === 0) return 0; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
  const r = (x) => Math.round(x * 100) / 100;
  globalThis.__portaBenchProbe = {
    start() { waits = []; gcs = []; h.reset(); h.enable(); on = true; return true; },
    stop() {
      on = false;
      h.disable();
      const major = gcs.filter((g) => g.kind === 4);
      return {
        loop: { p50: r(h.percentile(50) / 1e6), p99: r(h.percentile(99) / 1e6), max: r(h.max / 1e6) },
        gc: { count: gcs.length, totalMs: r(gcs.reduce((a, g) => a + g.ms, 0)), maxMs: r(Math.max(0, ...gcs.map((g) => g.ms))), major: major.length, majorMaxMs: r(Math.max(0, ...major.map((g) => g.ms))) },
        pool: { count: waits.length, p50: r(pct(waits, 50)), p99: r(pct(waits, 99)), max: r(Math.max(0, ...waits)) },
        heapUsedMiB: r(process.memoryUsage().heapUsed / 1048576),
      };
    },
  };
  return true;
})()`;
}

/** The probe in this process (the bench node). */
export function localProbe(pgFrom: string): { start(): void; stop(): ProbeStats } {
  vm.runInThisContext(probeSource(pgFrom));
  return (globalThis as unknown as { __portaBenchProbe: { start(): void; stop(): ProbeStats } }).__portaBenchProbe;
}
