import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { readDeliveries } from './deliveries.ts';
import { readLiveSources } from './live-sources.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time check of `Authorization: Bearer <PORTA_METRICS_TOKEN>`. */
function authorised(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m?.[1] !== undefined && timingSafeEqual(digest(m[1].trim()), digest(token));
}

/**
 * `GET /metrics` (issue 15 item 3): Prometheus text for the operator's scraper, off unless
 * `PORTA_METRICS_TOKEN` is set (then 404 without it: the route says nothing of itself), and
 * answered only to `Authorization: Bearer <token>` (401 otherwise). Outside /api and tenants: it
 * describes the process. Request rate and latency by route template (never a raw URL: ids would
 * explode the series) and status; the database pool; outbox depth and age by topic and deliveries
 * by outcome; live event streams and agent sockets; Node's process metrics. With metrics off no
 * hook is added, so the request path costs nothing more.
 */
export function registerMetrics(app: FastifyInstance, ctx: AppContext, pool: pg.Pool | undefined): void {
  const token = ctx.config.metricsToken;
  if (!token) {
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => reply.status(404).type('text/plain; charset=utf-8').send('Not Found\n'));
    return;
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'porta_' });

  const duration = new Histogram({
    name: 'porta_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: count (rate) and latency',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 'porta_db_pool_connections',
    help: 'Database pool connections by state (waiting: requests queued for a connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });

  const outboxDepth = new Gauge({ name: 'porta_outbox_pending', help: 'Outbox rows waiting for delivery, by topic', labelNames: ['topic'] as const, registers: [registry] });
  const outboxAge = new Gauge({ name: 'porta_outbox_oldest_pending_seconds', help: 'Age of the oldest outbox row waiting for delivery, by topic', labelNames: ['topic'] as const, registers: [registry] });
  const seen = new Map<string, number>();
  new Counter({
    name: 'porta_outbox_deliveries_total',
    help: 'Outbox deliveries on this node by topic (mail, sms, events) and outcome (sent, held, done, retry, dead)',
    labelNames: ['topic', 'outcome'] as const,
    registers: [registry],
    collect() {
      for (const d of readDeliveries()) {
        const key = `${d.topic}\u0000${d.outcome}`;
        const delta = d.n - (seen.get(key) ?? 0);
        if (delta > 0) this.inc({ topic: d.topic, outcome: d.outcome }, delta);
        seen.set(key, d.n);
      }
    },
  });

  new Gauge({
    name: 'porta_live_connections',
    help: 'Open event streams (browsers) and agent sockets on this node',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      for (const s of readLiveSources()) this.set({ kind: s.name }, s.value);
    },
  });

  /** One query at scrape time, across tenants (the operator's view), answered from the pending rows' partial index only. */
  async function collectOutbox(): Promise<void> {
    const pending = await sql<{ topic: string; n: string; oldest: number | null }>`
      select topic, count(*) as n, extract(epoch from now() - min(created_at))::float8 as oldest
      from outbox where status = 'pending' group by topic`.execute(ctx.db);
    outboxDepth.reset();
    outboxAge.reset();
    for (const r of pending.rows) {
      outboxDepth.set({ topic: r.topic }, Number(r.n));
      outboxAge.set({ topic: r.topic }, Math.max(0, Number(r.oldest ?? 0)));
    }
  }

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!authorised(request.headers.authorization, token)) {
      return reply.status(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain; charset=utf-8').send('Unauthorized\n');
    }
    try {
      await collectOutbox();
    } catch (err) {
      request.log.warn({ err }, 'metrics: outbox figures unavailable');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
