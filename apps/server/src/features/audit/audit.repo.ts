import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import { fetchPage, pageWindow } from '../../platform/db/paging.ts';
import { GENESIS_HASH, rowHash, withoutSecrets } from './audit-hash.ts';

export interface AuditEntry {
  /** Who: `contact:<id>`, `technician:<id>`, `agent:<deviceId>` or `system`. */
  actor: string;
  /** What happened, e.g. `action.requested`, `command.signed`. */
  event: string;
  /** What it happened to, e.g. `device:<id>`, `request:<id>`, `contact:<id>`. */
  subject: string;
  data: Record<string, unknown>;
}

/**
 * SS-7: appends one row to the tenant's hash chain. Append-only (nothing here updates or
 * deletes); concurrency-safe: a transaction-scoped advisory lock per tenant orders appenders, so
 * two rows never take the same seq and the chain never forks. Inside a caller's transaction the
 * row commits or rolls back with it (and the lock is held until then).
 */
export async function appendAudit(db: Db, tenantId: string, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  if (db.isTransaction) return append(db, tenantId, entry);
  return db.transaction().execute((trx) => append(trx, tenantId, entry));
}

async function append(trx: Db, tenantId: string, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`porta-audit:${tenantId}`}, 0))`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('tenant_id', '=', tenantId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const data = withoutSecrets(entry.data);
  const hash = rowHash({ tenantId, seq, at, actor: entry.actor, event: entry.event, subject: entry.subject, data, prevHash });
  await trx
    .insertInto('audit_log')
    .values({ tenant_id: tenantId, seq, at, actor: entry.actor, event: entry.event, subject: entry.subject, data: JSON.stringify(data), prev_hash: prevHash, hash })
    .execute();
  return { seq, hash };
}

export interface AuditRow {
  seq: number;
  at: Date;
  actor: string;
  event: string;
  subject: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

/** Rows from `afterSeq` on, in order, for the verifier (batches keep memory flat). */
export async function chainBatch(db: Db, tenantId: string, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor', 'event', 'subject', 'data', 'prev_hash', 'hash'])
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', String(afterSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), at: new Date(r.at), actor: r.actor, event: r.event, subject: r.subject, data: r.data, prevHash: r.prev_hash, hash: r.hash }));
}

export function listAudit(db: Db, tenantId: string, q: { subject?: string | undefined; event?: string | undefined; page: number; pageSize: number }) {
  let base = db.selectFrom('audit_log').where('tenant_id', '=', tenantId);
  if (q.subject) base = base.where('subject', '=', q.subject);
  if (q.event) base = base.where('event', '=', q.event);
  const page = base.select(['seq', 'at', 'actor', 'event', 'subject', 'data']).orderBy('seq', 'desc').$call(pageWindow(q)).execute();
  return fetchPage(page, base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
}
