import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { deliverMail, holdMails, TargetCache } from './mail-delivery.ts';
import { notifyTicketEvent } from './notifications.ts';
import * as outbox from './outbox.repo.ts';
import { OutboxMaintenance } from './outbox-maintenance.ts';
import type { ClaimedRow } from './outbox.repo.ts';
import { queueWelcome } from './welcome.ts';
import { deliverSms, giveUpSms } from '../sms/sms-delivery.ts';
import type { WorkerLog } from './worker-log.ts';
import { countDelivery } from '../../platform/metrics/deliveries.ts';
import { deliverWebhook, giveUpWebhook } from '../webhooks/webhook-delivery.ts';
import { fanOutWebhooks } from '../webhooks/webhook-events.ts';
import { ATERA_TOPIC, runAteraStep } from '../imports-atera/atera-step.ts';

/** Topics that turn into mails: the handler writes them in the transaction that marks the event done. */
const EVENT_HANDLERS: Record<string, (ctx: AppContext, trx: Db, row: ClaimedRow) => Promise<void>> = {
  'ticket.created': notifyTicketEvent,
  'ticket.replied': notifyTicketEvent,
  'ticket.status_changed': notifyTicketEvent,
  // `sendWelcome` was decided when the contact was created; rows written before it follow the setting.
  'contact.created': (ctx, trx, row) => {
    const { contactId, sendWelcome } = row.payload as { contactId: string; sendWelcome?: boolean };
    return sendWelcome === false ? Promise.resolve() : queueWelcome(ctx, trx, row.tenant_id, contactId, sendWelcome === true);
  },
  'contact.welcome': (ctx, trx, row) => queueWelcome(ctx, trx, row.tenant_id, (row.payload as { contactId: string }).contactId, true),
};

const MAX_BACKOFF_MS = 6 * 3_600_000;

/**
 * Events of a batch handled at once (each holds a pooled connection for its transaction): a
 * third of the pool, so a burst of new tickets never takes the connections the requests need
 * (issue 16 item 2). Mails and webhook deliveries hold none while they are sent: they go side by
 * side.
 */
export function eventLanes(poolSize: number | undefined): number {
  return Math.max(1, Math.floor((poolSize ?? 10) / 3));
}

/** Runs `fn` over `items` with at most `lanes` at a time. */
export async function inLanes<T>(items: T[], lanes: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}

/** Exponential backoff with ±20 % jitter: base, 2×base, 4×base, … capped at six hours. */
export function backoffMs(baseMs: number, attempts: number): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

class LostClaim extends Error {}

/**
 * Delivers the outbox: ticket and contact events become mails (exactly once: the mails and
 * the "done" mark share a transaction), mails go out over SMTP (at least once; a crash between
 * the send and the mark repeats it with the same Message-ID: docs/OPERATIONS.md).
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Pruning and vacuum (issue 16): only while started, so `runOnce`/`drain` in tests stay plain. */
  private maintenance: OutboxMaintenance | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: WorkerLog,
    private readonly opts: { batch?: number; onlyTenants?: string[] } = {},
  ) {}

  private get batch(): number {
    return this.opts.batch ?? 20;
  }

  private get onlyTenants(): string[] | undefined {
    return this.opts.onlyTenants ?? this.ctx.config.mail.workerTenants;
  }

  start(): void {
    this.stopped = false;
    // A worker limited to some tenants (sharding, tests) leaves the shared table's upkeep to the others.
    if (!this.onlyTenants) {
      this.maintenance = new OutboxMaintenance(this.ctx, this.log);
      this.maintenance.start();
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.maintenance?.stop();
    this.maintenance = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let claimed = 0;
    try {
      claimed = await this.runOnce();
    } catch (err) {
      this.log.error({ err: messageOf(err) }, 'outbox worker: claim failed');
    }
    this.schedule(claimed >= this.batch ? 0 : this.ctx.config.mail.pollMs);
  }

  /** Claims one batch and processes it; answers how many rows it claimed. */
  async runOnce(): Promise<number> {
    const rows = await outbox.claimDue(this.ctx.db, this.batch, this.ctx.config.mail.leaseMs, this.onlyTenants);
    this.maintenance?.claimed(rows.length);
    const targets = new TargetCache(this.ctx);
    const mails = rows.filter((r) => r.topic === 'mail');
    const hooks = rows.filter((r) => r.topic === 'webhook');
    const events = rows.filter((r) => r.topic !== 'mail' && r.topic !== 'webhook');
    await Promise.all([
      this.deliverMails(mails, targets),
      ...hooks.map((row) => this.process(row, targets)),
      inLanes(events, eventLanes(this.ctx.config.dbPoolSize), (row) => this.process(row, targets)),
    ]);
    return rows.length;
  }

  /** The batch's mails: those of tenants without SMTP are held together (one update per tenant), the rest sent side by side. */
  private async deliverMails(rows: ClaimedRow[], targets: TargetCache): Promise<void> {
    const held = new Map<string, ClaimedRow[]>();
    const send: ClaimedRow[] = [];
    for (const row of rows) {
      // A failing settings read is recorded per mail by `process`, which reads them again.
      const target = await targets.of(row.tenant_id).catch(() => undefined);
      if (target === null) held.set(row.tenant_id, [...(held.get(row.tenant_id) ?? []), row]);
      else send.push(row);
    }
    const hold = async (tenantId: string, group: ClaimedRow[]) => {
      try {
        await holdMails(this.ctx, this.log, tenantId, group);
        for (let i = 0; i < group.length; i++) countDelivery('mail', 'held');
      } catch (err) {
        for (const row of group) await this.failed(row, err).catch((e: unknown) => this.log.error({ outboxId: row.id, err: messageOf(e) }, 'outbox worker: could not record a failure'));
      }
    };
    await Promise.all([...[...held].map(([tenantId, group]) => hold(tenantId, group)), ...send.map((row) => this.process(row, targets))]);
  }

  /** Runs until nothing is due (tests and the bench use it). */
  async drain(): Promise<void> {
    while ((await this.runOnce()) > 0);
  }

  private async process(row: ClaimedRow, targets: TargetCache): Promise<void> {
    try {
      if (row.topic === 'mail') {
        countDelivery('mail', await deliverMail(this.ctx, this.log, row, targets));
        return;
      }
      // Issue 12 (SS-6): SMS go through the same outbox (never lost, retried with backoff).
      if (row.topic === 'sms') {
        await deliverSms(this.ctx, row);
        countDelivery('sms', 'done');
        return;
      }
      // Issue 15 (P-2): webhook deliveries, retried with backoff like mail, then dead.
      if (row.topic === 'webhook') {
        countDelivery('webhook', await deliverWebhook(this.ctx, row));
        return;
      }
      // Issue 15 item 5: an import step reads Atera, then writes its page and marks the row in one transaction.
      if (row.topic === ATERA_TOPIC) {
        await runAteraStep(this.ctx, this.log, row);
        return;
      }
      const handler = EVENT_HANDLERS[row.topic];
      await this.ctx.db.transaction().execute(async (trx) => {
        if (handler) await handler(this.ctx, trx, row);
        // Domain events also fan out to the webhook endpoints subscribed to them, in this transaction.
        await fanOutWebhooks(this.ctx, trx, row);
        if (!(await outbox.markDone(trx, row.tenant_id, row.id))) throw new LostClaim();
      });
      countDelivery(row.topic, 'done');
    } catch (err) {
      if (err instanceof LostClaim) return;
      await this.failed(row, err).catch((e: unknown) => this.log.error({ outboxId: row.id, err: messageOf(e) }, 'outbox worker: could not record a failure'));
    }
  }

  private async failed(row: ClaimedRow, err: unknown): Promise<void> {
    const error = messageOf(err);
    const { maxAttempts, retryBaseMs } = this.ctx.config.mail;
    if (row.attempts >= maxAttempts) {
      this.log.error({ outboxId: row.id, topic: row.topic, attempts: row.attempts, err: error }, 'outbox: giving up (dead)');
      countDelivery(row.topic, 'dead');
      await this.ctx.db.transaction().execute(async (trx) => {
        await outbox.markFinal(trx, row.tenant_id, row.id, 'dead', error);
        // SS-6: an SMS given up on is failed, not left 'queued' for ever.
        if (row.topic === 'sms') await giveUpSms(trx, row.tenant_id, row.payload, error);
        if (row.topic === 'webhook') await giveUpWebhook(trx, row.tenant_id, row.payload);
      });
    } else {
      this.log.warn({ outboxId: row.id, topic: row.topic, attempts: row.attempts, err: error }, 'outbox: will retry');
      countDelivery(row.topic, 'retry');
      await outbox.markRetry(this.ctx.db, row.tenant_id, row.id, error, backoffMs(retryBaseMs, row.attempts));
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
