import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import { fetchPage, likePattern, pageWindow } from '../../platform/db/paging.ts';
import type { MailInboundTable } from '../../platform/db/schema.ts';

export interface InboundRecord {
  messageId: string | null;
  contentHash: string;
  from: string | null;
  subject: string | null;
  status: MailInboundTable['status'];
  reason: string | null;
  ticketId?: string | null;
  commentId?: string | null;
  raw?: Buffer | null;
}

/** Was this message (by Message-ID or content) already handled? */
export async function alreadyReceived(db: Db, tenantId: string, messageId: string | null, contentHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('mail_inbound')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('status', '<>', 'failed')
    .where((eb) => (messageId ? eb.or([eb('message_id', '=', messageId), eb('content_hash', '=', contentHash)]) : eb('content_hash', '=', contentHash)))
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the outcome; the unique indexes make a second record of the same message fail (dedup). */
export async function recordInbound(db: Db, tenantId: string, r: InboundRecord): Promise<void> {
  await db
    .insertInto('mail_inbound')
    .values({
      tenant_id: tenantId,
      message_id: r.messageId,
      content_hash: r.contentHash,
      from_address: r.from,
      subject: r.subject,
      status: r.status,
      reason: r.reason?.slice(0, 500) ?? null,
      ticket_id: r.ticketId ?? null,
      comment_id: r.commentId ?? null,
      raw: r.raw ?? null,
    })
    .execute();
}

export function listInbound(db: Db, tenantId: string, q: { status?: string | undefined; q?: string | undefined; page: number; pageSize: number }) {
  let base = db.selectFrom('mail_inbound').where('tenant_id', '=', tenantId);
  if (q.status) base = base.where('status', '=', q.status as 'failed');
  if (q.q) {
    const like = likePattern(q.q);
    base = base.where((eb) => eb.or([eb('from_address', 'ilike', like), eb('subject', 'ilike', like)]));
  }
  const page = base
    .select(['id', 'from_address', 'subject', 'message_id', 'status', 'reason', 'ticket_id', 'received_at'])
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .$call(pageWindow(q))
    .execute();
  return fetchPage(page, base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
}

export function findFailed(db: Db, tenantId: string, id: string) {
  return db.selectFrom('mail_inbound').select(['id', 'raw']).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'failed').executeTakeFirst();
}

export async function deleteInbound(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('mail_inbound').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/**
 * Per-domain hourly budget (contacts created from mail, answers to unknown senders): true and
 * counted when under `limit`, false when spent. One statement, so concurrent mails cannot both take the last slot.
 */
export async function takeDomainBudget(db: Db, tenantId: string, domain: string, kind: 'contact' | 'reply', limit: number): Promise<boolean> {
  const r = await sql<{ count: number }>`
    insert into mail_domain_rate as r (tenant_id, domain, kind, window_started_at, count)
    values (${tenantId}, ${domain}, ${kind}, now(), 1)
    on conflict (tenant_id, domain, kind) do update set
      count = case when r.window_started_at < now() - interval '1 hour' then 1 else r.count + 1 end,
      window_started_at = case when r.window_started_at < now() - interval '1 hour' then now() else r.window_started_at end
    returning count`.execute(db);
  return Number(r.rows[0]?.count ?? 0) <= limit;
}

/** Sender lookups, by exact address within the tenant. */
export function contactByEmail(db: Db, tenantId: string, email: string) {
  return db
    .selectFrom('contacts')
    .select(['id', 'customer_id', 'is_primary', 'email_tickets', 'first_name', 'last_name'])
    .where('tenant_id', '=', tenantId)
    .where('email', '=', email)
    .executeTakeFirst();
}

export function technicianByEmail(db: Db, tenantId: string, email: string) {
  return db.selectFrom('technicians').select(['id']).where('tenant_id', '=', tenantId).where('email', '=', email).executeTakeFirst();
}

/** the customer whose domain is exactly this one (no subdomain, no suffix match). */
export function customerOfDomain(db: Db, tenantId: string, domain: string) {
  return db.selectFrom('customer_domains').select('customer_id').where('tenant_id', '=', tenantId).where('domain', '=', domain).executeTakeFirst();
}

export function ticketByNumber(db: Db, tenantId: string, number: number) {
  return db.selectFrom('tickets').select(['id', 'customer_id', 'requester_id']).where('tenant_id', '=', tenantId).where('number', '=', number).executeTakeFirst();
}

export function ticketById(db: Db, tenantId: string, id: string) {
  return db.selectFrom('tickets').select(['id', 'customer_id', 'requester_id']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}
