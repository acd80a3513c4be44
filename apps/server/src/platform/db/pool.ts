import pg from 'pg';

/**
 * A `pg.Pool` that survives losing an idle connection. When the server ends a connection the pool
 * is not using (a restart, a failover, `pg_terminate_backend`, a database dropped with FORCE), pg
 * emits the error on the pool, and a pool without an `error` listener turns it into an uncaught
 * exception that stops the process. The pool has already dropped that client; the next query
 * opens a new one. A query that was running gets its own error, as before.
 */
export function openPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  return pool;
}

/**
 * How long a pooled connection may sit unused before the pool closes it: 5 minutes, not pg's
 * 10 seconds. A new connection starts a cold PostgreSQL backend and prepares every named
 * statement again (planning the ticket list takes ~2 ms, and each of the first five runs is
 * planned anew), so with 10 s every burst after a short lull began with four such
 * connections: the first 50 list requests took up to 250 ms (issue 16). Kept under the
 * ~350 s after which some NAT gateways forget an idle TCP connection.
 */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

/** The pool the app's queries go through (the bus's `LISTEN` connection is another). */
export function openAppPool(connection: pg.PoolConfig, max: number): pg.Pool {
  return openPool({ ...connection, max, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
}
