import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import { fetchPage, likePattern, pageWindow } from '../../platform/db/paging.ts';

export interface ClaimedRow {
  id: string;
  tenant_id: string;
  topic: string;
  payload: unknown;
  attempts: number;
}

/**
 * The outbox's own bookkeeping (claim, done, retry, dead, held) commits without waiting for the
 * WAL flush (issue 16 item 3): with `fsync` on, each commit otherwise waits for the disk, which
 * set the claim's p99 (~5 ms here, against a 0.04 ms scan) and the worker's pace behind a burst.
 * Losing such a commit in a database crash (never in an app crash) loses at most the last
 * `wal_writer_delay` × 3 of them: the row is pending again after its lease and is delivered again,
 * which the worker already does after a crash between a send and its mark (at least once,
 * docs/OPERATIONS.md). A domain write and the event it queues stay one synchronous commit.
 * `set_config(…, true)` lasts until the end of the transaction the statement runs in; in
 * autocommit, that is the statement itself. Written as a condition that always holds, evaluated
 * only for rows the statement writes.
 */
export const ASYNC_COMMIT = sql<boolean>`set_config('synchronous_commit', 'off', true) = 'off'`;

/**
 * Claims up to `limit` due rows for `leaseMs`: `FOR UPDATE SKIP LOCKED` lets several workers
 * (app nodes) share the table, and the lease (`available_at` pushed ahead) makes a row claimed
 * by a worker that died come back once the lease runs out. `attempts` counts claims.
 * Across tenants on purpose: the worker serves every tenant.
 */
export async function claimDue(db: Db, limit: number, leaseMs: number, onlyTenants?: string[]): Promise<ClaimedRow[]> {
  const scope = onlyTenants ? sql`and tenant_id = any(${onlyTenants}::uuid[])` : sql``;
  const r = await sql<ClaimedRow>`
    update outbox set attempts = attempts + 1, available_at = now() + make_interval(secs => ${leaseMs / 1000})
    where id in (
      select id from outbox where status = 'pending' and available_at <= now() ${scope}
      order by available_at limit ${limit} for update skip locked
    ) and ${ASYNC_COMMIT}
    returning id, tenant_id, topic, payload, attempts`.execute(db);
  return r.rows;
}

/** Marks a claimed row done; false when it is no longer pending (another worker finished it after our lease ran out). */
export async function markDone(db: Db, tenantId: string, id: string, payload?: unknown): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'done', processed_at: new Date(), last_error: null, ...(payload !== undefined && { payload: JSON.stringify(payload) }) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where(ASYNC_COMMIT)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function markRetry(db: Db, tenantId: string, id: string, error: string, delayMs: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error: error.slice(0, 1000), available_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000})` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where(ASYNC_COMMIT)
    .execute();
}

export async function markFinal(db: Db, tenantId: string, id: string, status: 'dead' | 'held', error: string | null): Promise<void> {
  await markFinalMany(db, tenantId, [id], status, error);
}

/** Several rows of one tenant at once (the held mails of a claimed batch: issue 16 item 2). */
export async function markFinalMany(db: Db, tenantId: string, ids: string[], status: 'dead' | 'held', error: string | null): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ status, last_error: error?.slice(0, 1000) ?? null, processed_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where(ASYNC_COMMIT)
    .execute();
}

/** A held or dead mail goes back to the queue (an admin's "send again"). */
export async function requeueMail(db: Db, tenantId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, available_at: new Date(), last_error: null, processed_at: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('topic', '=', 'mail')
    .where('status', 'in', ['dead', 'held'])
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

const MAIL_COLUMNS = ['id', 'payload', 'status', 'attempts', 'last_error', 'available_at', 'created_at', 'processed_at'] as const;

export function listMails(db: Db, tenantId: string, q: { status?: string | undefined; q?: string | undefined; page: number; pageSize: number }) {
  let base = db.selectFrom('outbox').where('tenant_id', '=', tenantId).where('topic', '=', 'mail');
  if (q.status) base = base.where('status', '=', q.status as 'pending');
  if (q.q) {
    const like = likePattern(q.q);
    base = base.where((eb) => eb.or([eb(sql`payload->'to'->>'address'`, 'ilike', like), eb(sql`payload->>'subject'`, 'ilike', like)]));
  }
  const page = base.select(MAIL_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').$call(pageWindow(q)).execute();
  return fetchPage(page, base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
}
export type MailRow = Awaited<ReturnType<typeof listMails>>['items'][number];

export function findMail(db: Db, tenantId: string, id: string) {
  return db.selectFrom('outbox').select(MAIL_COLUMNS).where('tenant_id', '=', tenantId).where('topic', '=', 'mail').where('id', '=', id).executeTakeFirst();
}
