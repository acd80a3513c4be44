import os from 'node:os';

/**
 * The database pool's size when `PORTA_DB_POOL_SIZE` is not set.
 *
 * PostgreSQL: twice this host's cores, at least 4. The pool bounds how many queries this node
 * runs at once, and a node's queries are short: more of them in flight than the cores can run
 * only makes backends, the event loop and the load balancer's health checks wait for each other
 * in the run queue. On the 2-core bench host, 50 connections on the portal list had a p99 of
 * 660–840 ms with 10 pooled connections and 280–430 ms with 4, at the same or higher throughput
 * (bench/README.md, issue 16). Raise it when PostgreSQL sits on a larger host and queries wait on
 * I/O rather than CPU (`porta_db_pool_connections{state="waiting"}` stays above 0 while both
 * hosts have idle CPU).
 *
 * PGlite: 4. It runs one query at a time; a small pool keeps requests queued in order.
 */
export function defaultPoolSize(engine: 'postgres' | 'pglite', cores = os.availableParallelism()): number {
  return engine === 'pglite' ? 4 : Math.max(4, 2 * cores);
}
