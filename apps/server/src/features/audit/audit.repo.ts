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
 *
 * Outside a transaction, appends are grouped (issue 12): the tenant's lock is one queue for every
 * node, and each holder keeps it for four round trips (lock, last row, insert, commit). At 10
 * commands a second each command appends three rows (signed, delivered, result), so on a busy
 * host the lock itself became the queue. Calls for the same tenant on the same database handle
 * that arrive while one append is in flight wait for it and then go in together: one
 * transaction, one lock hold, one multi-row insert, in call order. Each caller still gets its
 * own row's seq and hash once that transaction has committed (or its error).
 */
export async function appendAudit(db: Db, tenantId: string, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  if (db.isTransaction) return (await append(db, tenantId, [entry]))[0]!;
  let perTenant = groups.get(db);
  if (!perTenant) groups.set(db, (perTenant = new Map()));
  let group = perTenant.get(tenantId);
  if (!group) perTenant.set(tenantId, (group = { queue: [], running: false }));
  const g = group;
  const done = new Promise<{ seq: number; hash: string }>((resolve, reject) => g.queue.push({ entry, resolve, reject }));
  if (!g.running) void drain(db, tenantId, g, perTenant);
  return done;
}

/** Most rows one grouped append writes (one statement). */
const GROUP_MAX = 500;

interface Waiting {
  entry: AuditEntry;
  resolve: (r: { seq: number; hash: string }) => void;
  reject: (err: unknown) => void;
}

const groups = new WeakMap<Db, Map<string, { queue: Waiting[]; running: boolean }>>();

async function drain(db: Db, tenantId: string, g: { queue: Waiting[]; running: boolean }, perTenant: Map<string, unknown>): Promise<void> {
  g.running = true;
  while (g.queue.length > 0) {
    const batch = g.queue.splice(0, GROUP_MAX);
    try {
      const rows = await db.transaction().execute((trx) => append(trx, tenantId, batch.map((w) => w.entry)));
      batch.forEach((w, i) => w.resolve(rows[i]!));
    } catch (err) {
      batch.forEach((w) => w.reject(err));
    }
  }
  g.running = false;
  perTenant.delete(tenantId);
}

async function append(trx: Db, tenantId: string, entries: AuditEntry[]): Promise<{ seq: number; hash: string }[]> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`porta-audit:${tenantId}`}, 0))`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('tenant_id', '=', tenantId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = last ? Number(last.seq) : 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = entries.map((entry) => {
    seq += 1;
    const data = withoutSecrets(entry.data);
    const hash = rowHash({ tenantId, seq, at, actor: entry.actor, event: entry.event, subject: entry.subject, data, prevHash });
    const row = { tenant_id: tenantId, seq, at, actor: entry.actor, event: entry.event, subject: entry.subject, data: JSON.stringify(data), prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  await trx.insertInto('audit_log').values(rows).execute();
  return rows.map((r) => ({ seq: r.seq, hash: r.hash }));
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
