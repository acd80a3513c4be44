import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';

/**
 * The delivery log's retention (issue 15 item 1 with issue 16 item 3): delivered messages go
 * after `PORTA_OUTBOX_RETENTION_DAYS`, dead ones after `PORTA_OUTBOX_DEAD_RETENTION_DAYS`, as
 * the outbox rows that carried them do, `batch` rows per statement; pending ones stay. Runs in
 * the outbox maintenance, across tenants on purpose (like the claim), under its lock.
 */
export async function pruneWebhookDeliveries(db: Db, retentionDays: number, deadRetentionDays: number, batch: number): Promise<number> {
  let removed = 0;
  for (const [status, days] of [
    ['delivered', retentionDays],
    ['dead', deadRetentionDays],
  ] as const) {
    for (;;) {
      const r = await sql`
        delete from webhook_deliveries where id in (
          select id from webhook_deliveries
          where status = ${status} and coalesce(last_attempt_at, created_at) < now() - make_interval(days => ${days})
          order by coalesce(last_attempt_at, created_at) limit ${batch}
        )`.execute(db);
      const n = Number(r.numAffectedRows ?? 0n);
      removed += n;
      if (n < batch) break;
    }
  }
  return removed;
}
