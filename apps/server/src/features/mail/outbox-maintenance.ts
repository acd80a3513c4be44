import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import type { WorkerLog } from './worker-log.ts';
import { pruneWebhookDeliveries } from '../webhooks/webhook-retention.ts';

/**
 * Issue 16 item 3: keeps the outbox small and its claim fast however long the server runs.
 *
 * - Pruning: done rows older than `PORTA_OUTBOX_RETENTION_DAYS` and dead ones older than
 *   `PORTA_OUTBOX_DEAD_RETENTION_DAYS` are deleted in batches (one short statement each, never
 *   one huge DELETE); pending and held rows are never touched (held mails wait for an admin).
 * - Vacuum: every claim and every "done" leaves a dead entry in the partial pending index
 *   (`available_at` and `status` change, so the updates are not HOT). Without VACUUM the claim
 *   walks past all of them (measured: ~1.3 s cold, ~180 ms warm with 1,000,000 done rows and
 *   autovacuum off; ~0.3 ms after a VACUUM: docs/ARCHITECTURE.md). So the worker vacuums the
 *   outbox itself (plain VACUUM, never FULL, outside any transaction) after pruning and after
 *   `PORTA_OUTBOX_VACUUM_EVERY` claimed rows, whatever autovacuum does.
 *
 * One node at a time: a session advisory lock on PostgreSQL (on a connection held for the
 * whole run); on PGlite every connection is the same session and only one process opens the
 * data directory, so a flag in this process is the lock there.
 */

/** Key of the advisory lock (any constant; "porta-outbox-maintenance" hashed would do as well). */
const LOCK_KEY = 7_316_001;
let pgliteBusy = false;

export interface PruneResult {
  /** Another node (or run) held the lock: nothing was done. */
  skipped: boolean;
  done: number;
  dead: number;
  batches: number;
  /** Webhook delivery-log rows past the same retentions (features/webhooks/webhook-retention.ts). */
  webhookDeliveries: number;
  vacuumed: boolean;
}

export interface MaintenanceOptions {
  retentionDays: number;
  deadRetentionDays: number;
  /** Rows a DELETE removes at most. */
  batch?: number;
  vacuum?: boolean;
  /** Test hook: awaited after each batch (a test holds the lock open with it). */
  afterBatch?: () => Promise<void>;
}

async function withMaintenanceLock<T>(ctx: AppContext, fn: (db: Db) => Promise<T>): Promise<T | null> {
  if (ctx.engine === 'pglite') {
    if (pgliteBusy) return null;
    pgliteBusy = true;
    try {
      return await fn(ctx.db);
    } finally {
      pgliteBusy = false;
    }
  }
  return ctx.db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${LOCK_KEY}) as ok`.execute(conn);
    if (!got.rows[0]?.ok) return null;
    try {
      return await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}

/** Deletes finished rows of one status older than `days`, `batch` at a time; answers how many. Across tenants on purpose, like the claim. */
async function pruneStatus(db: Db, status: 'done' | 'dead', days: number, batch: number, afterBatch: (() => Promise<void>) | undefined): Promise<{ rows: number; batches: number }> {
  let rows = 0;
  let batches = 0;
  for (;;) {
    const r = await sql`
      delete from outbox where id in (
        select id from outbox where status = ${status} and processed_at < now() - make_interval(days => ${days})
        order by processed_at limit ${batch}
      )`.execute(db);
    const n = Number(r.numAffectedRows ?? 0n);
    rows += n;
    if (n > 0) batches++;
    if (n > 0) await afterBatch?.();
    if (n < batch) return { rows, batches };
  }
}

/** Plain VACUUM (ANALYZE) of the outbox: drops the dead index entries the claim would walk past; never FULL, never in a transaction. */
export async function vacuumOutbox(db: Db): Promise<void> {
  await sql`vacuum (analyze) outbox`.execute(db);
}

/** Prunes what is past retention, then vacuums; one node at a time. */
export async function pruneOutbox(ctx: AppContext, opts: MaintenanceOptions): Promise<PruneResult> {
  const batch = opts.batch ?? 1000;
  const result = await withMaintenanceLock(ctx, async (db) => {
    const done = await pruneStatus(db, 'done', opts.retentionDays, batch, opts.afterBatch);
    const dead = await pruneStatus(db, 'dead', opts.deadRetentionDays, batch, opts.afterBatch);
    const webhookDeliveries = await pruneWebhookDeliveries(db, opts.retentionDays, opts.deadRetentionDays, batch);
    if (opts.vacuum !== false) await vacuumOutbox(db);
    return { skipped: false, done: done.rows, dead: dead.rows, batches: done.batches + dead.batches, webhookDeliveries, vacuumed: opts.vacuum !== false };
  });
  return result ?? { skipped: true, done: 0, dead: 0, batches: 0, webhookDeliveries: 0, vacuumed: false };
}

/** Vacuums alone (after many claims), under the same lock. False when another node was at it. */
export async function vacuumOutboxOnce(ctx: AppContext): Promise<boolean> {
  return (await withMaintenanceLock(ctx, async (db) => {
    await vacuumOutbox(db);
    return true;
  })) === true;
}

/**
 * What the worker runs besides the claim: pruning at start and every `pruneIntervalMs`, a
 * vacuum after `vacuumEvery` claimed rows. In the background: delivery never waits for it.
 */
export class OutboxMaintenance {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private claimedSinceVacuum = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: WorkerLog,
  ) {}

  start(): void {
    this.prune();
    this.timer = setInterval(() => this.prune(), this.ctx.config.mail.pruneIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** The worker reports what it claimed; past the threshold, a vacuum runs. */
  claimed(n: number): void {
    const every = this.ctx.config.mail.vacuumEvery;
    if (every <= 0 || n <= 0) return;
    this.claimedSinceVacuum += n;
    if (this.claimedSinceVacuum < every || this.running) return;
    this.claimedSinceVacuum = 0;
    this.background(vacuumOutboxOnce(this.ctx), 'vacuum');
  }

  private prune(): void {
    if (this.running) return;
    const { retentionDays, deadRetentionDays } = this.ctx.config.mail;
    this.claimedSinceVacuum = 0;
    this.background(
      pruneOutbox(this.ctx, { retentionDays, deadRetentionDays }).then((r) => {
        if (r.done + r.dead + r.webhookDeliveries > 0) this.log.info({ done: r.done, dead: r.dead, batches: r.batches, webhookDeliveries: r.webhookDeliveries }, 'outbox: pruned finished rows past retention');
      }),
      'prune',
    );
  }

  private background(p: Promise<unknown>, what: string): void {
    this.running = p
      .catch((err: unknown) => this.log.error({ err: err instanceof Error ? err.message : String(err) }, `outbox maintenance: ${what} failed`))
      .finally(() => {
        this.running = null;
      });
  }
}
