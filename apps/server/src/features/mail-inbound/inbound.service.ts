import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Language } from '@porta/contracts/common';
import { isLanguage } from '@porta/i18n/languages';
import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { isUniqueViolation } from '../../platform/errors.ts';
import { domainOf } from '../../platform/mail/header-safety.ts';
import { createContact } from '../contacts/contacts.service.ts';
import { removeStored, storeUpload, type StoredFile } from '../tickets/attachment-storage.ts';
import { recordStoredAttachment } from '../tickets/attachments.service.ts';
import { addComment, createTicket, loadDetail } from '../tickets/tickets.service.ts';
import { tenantIdentity } from '../mail/mail-settings.service.ts';
import { queueMail } from '../mail/queued-mail.ts';
import { rememberThreadRef, ticketOfRefs } from '../mail/thread-refs.repo.ts';
import { parseTicketRef, refMatches } from '../mail/ticket-ref.ts';
import type { WorkerLog } from '../mail/worker-log.ts';
import { triageCustomer } from './triage-customer.ts';
import { automaticReason, type InboundMessage, parseInbound, replyText, UnreadableMail } from './inbound-message.ts';
import * as repo from './inbound.repo.ts';

export type InboundOutcome = 'ticket' | 'comment' | 'ignored' | 'rejected' | 'failed' | 'duplicate';

/** Porta's reply marker in any language: `-- … --` on a line of its own, quoted or not. */
const REPLY_MARKER = /^[>\s]*-- .{5,80} --\s*$/;
const SUBJECT_MAX = 200;
const BODY_MAX = 50_000;

interface Sender {
  contactId: string | null;
  technicianId: string | null;
}

/**
 * T-9: one received message (built-in SMTP receiver or IMAP poller) → a ticket, a comment,
 * or a recorded refusal. Exactly once per message: the outcome is recorded in the same
 * transaction as the ticket or comment, under unique Message-ID and content-hash indexes, so a
 * redelivery (or a refetch after a crash) finds it and does nothing. A message that cannot be
 * read, or whose handling fails, is kept whole in the failed-mail store.
 */
export async function receiveMail(ctx: AppContext, log: WorkerLog, tenantId: string, raw: Buffer, envelopeFrom: string | null): Promise<InboundOutcome> {
  let msg: InboundMessage;
  try {
    msg = await parseInbound(raw);
  } catch (err) {
    // UnreadableMail, or anything mailparser throws: kept whole for a later look.
    await keepFailed(ctx, tenantId, raw, null, `unreadable: ${err instanceof UnreadableMail || err instanceof Error ? err.message : String(err)}`);
    return 'failed';
  }
  if (await repo.alreadyReceived(ctx.db, tenantId, msg.messageId, msg.contentHash)) return 'duplicate';
  try {
    return await handle(ctx, log, tenantId, msg, envelopeFrom);
  } catch (err) {
    if (isUniqueViolation(err, 'mail_inbound_message_uq') || isUniqueViolation(err, 'mail_inbound_hash_uq')) return 'duplicate';
    log.warn({ tenantId, messageId: msg.messageId, err: err instanceof Error ? err.message : String(err) }, 'inbound mail kept in the failed store');
    await keepFailed(ctx, tenantId, raw, msg, err instanceof Error ? err.message : String(err));
    return 'failed';
  }
}

async function keepFailed(ctx: AppContext, tenantId: string, raw: Buffer, msg: InboundMessage | null, reason: string): Promise<void> {
  await repo.recordInbound(ctx.db, tenantId, {
    messageId: msg?.messageId ?? null,
    contentHash: msg?.contentHash ?? createHash('sha256').update(raw).digest('base64url'),
    from: msg?.from?.address ?? null,
    subject: msg?.subject ?? null,
    status: 'failed',
    reason,
    raw,
  });
}

function record(msg: InboundMessage, status: repo.InboundRecord['status'], reason: string | null, at: { ticketId?: string; commentId?: string } = {}): repo.InboundRecord {
  return { messageId: msg.messageId, contentHash: msg.contentHash, from: msg.from?.address ?? null, subject: msg.subject, status, reason, ...at };
}

async function handle(ctx: AppContext, log: WorkerLog, tenantId: string, msg: InboundMessage, envelopeFrom: string | null): Promise<InboundOutcome> {
  const automatic = automaticReason(msg, envelopeFrom);
  if (automatic) return refuse(ctx, tenantId, msg, 'ignored', automatic);
  const from = msg.from?.address ?? '';
  const [contact, technician] = await Promise.all([repo.contactByEmail(ctx.db, tenantId, from), repo.technicianByEmail(ctx.db, tenantId, from)]);
  if (contact && !contact.email_tickets) return refuse(ctx, tenantId, msg, 'ignored', 'sender-blocked');

  const threadTicket = await findThread(ctx, tenantId, msg);
  if (threadTicket) {
    const allowed = technician ? { contactId: null, technicianId: technician.id } : contact && mayReply(contact, threadTicket) ? { contactId: contact.id, technicianId: null } : null;
    if (allowed) return comment(ctx, tenantId, msg, threadTicket.id, allowed);
  }
  if (technician && !contact) return refuse(ctx, tenantId, msg, 'ignored', 'technician-without-ticket');
  const requester = contact ?? (await contactFromMail(ctx, log, tenantId, msg));
  if (typeof requester === 'string') return requester === 'rejected' ? 'rejected' : 'ignored';
  return newTicket(ctx, tenantId, msg, requester.id);
}

/** A-5 on mail: the requester, or a primary contact of the ticket's customer, may reply to it. */
function mayReply(contact: { id: string; customer_id: string; is_primary: boolean }, ticket: { customer_id: string; requester_id: string }): boolean {
  return ticket.requester_id === contact.id || (contact.is_primary && contact.customer_id === ticket.customer_id);
}

/** In-Reply-To/References known to belong to a ticket, else a subject reference whose HMAC checks. */
async function findThread(ctx: AppContext, tenantId: string, msg: InboundMessage) {
  const byRef = await ticketOfRefs(ctx.db, tenantId, msg.threadRefs);
  if (byRef) return repo.ticketById(ctx.db, tenantId, byRef);
  const ref = parseTicketRef(msg.subject);
  if (!ref) return undefined;
  const ticket = await repo.ticketByNumber(ctx.db, tenantId, ref.number);
  return ticket && refMatches(ctx.keys, tenantId, ticket.id, ref.signature) ? ticket : undefined;
}

async function refuse(ctx: AppContext, tenantId: string, msg: InboundMessage, status: 'ignored' | 'rejected', reason: string, reply?: (trx: Db) => Promise<void>): Promise<InboundOutcome> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.recordInbound(trx, tenantId, record(msg, status, reason));
    await reply?.(trx);
  });
  return status;
}

/**
 * an unknown sender whose domain is exactly a customer's becomes that customer's contact
 * (not primary; the welcome-mail setting applies). Otherwise the tenant's policy: a contact of
 * the triage customer, or a polite refusal. Both are rate-limited per domain.
 */
async function contactFromMail(ctx: AppContext, log: WorkerLog, tenantId: string, msg: InboundMessage): Promise<{ id: string } | 'rejected' | 'ignored'> {
  const from = msg.from?.address ?? '';
  const domain = domainOf(from);
  const limit = ctx.config.mail.domainHourlyLimit;
  const tenant = await tenantIdentity(ctx, ctx.db, tenantId);
  const owner = await repo.customerOfDomain(ctx.db, tenantId, domain);
  let customerId = owner?.customer_id;
  if (!customerId) {
    const settings = await triageCustomer(ctx, tenantId);
    if (settings.policy === 'reject') {
      const answer = await repo.takeDomainBudget(ctx.db, tenantId, domain, 'reply', limit);
      await refuse(ctx, tenantId, msg, 'rejected', answer ? 'unknown-domain' : 'unknown-domain, reply rate-limited', async (trx) => {
        if (!answer) return;
        const lang: Language = isLanguage(tenant.defaultLanguage) ? tenant.defaultLanguage : 'en';
        await queueMail(ctx, trx, tenantId, {
          kind: 'reject',
          from: tenant.from,
          to: { name: msg.from?.name ?? '', address: from },
          subject: translate(lang, 'mail', 'reject.subject'),
          text: translate(lang, 'mail', 'reject.body', { subject: msg.subject, company: tenant.name }),
          inReplyTo: msg.messageId ?? undefined,
          references: msg.messageId ? [msg.messageId] : [],
        });
      });
      return 'rejected';
    }
    customerId = settings.customerId;
  }
  if (!(await repo.takeDomainBudget(ctx.db, tenantId, domain, 'contact', limit))) {
    log.warn({ tenantId, domain }, 'inbound mail: contacts-from-mail budget of the domain spent');
    await refuse(ctx, tenantId, msg, 'rejected', 'rate-limited');
    return 'rejected';
  }
  const [first, ...rest] = (msg.from?.name || from.split('@')[0] || 'Contact').split(/\s+/);
  const lang = isLanguage(tenant.defaultLanguage) ? tenant.defaultLanguage : 'en';
  const created = await createContact(ctx, tenantId, lang, { customerId, firstName: (first ?? 'Contact').slice(0, 120), lastName: rest.join(' ').slice(0, 120), email: from, isPrimary: false });
  return { id: created.row.id };
}

async function storeAttachments(ctx: AppContext, tenantId: string, msg: InboundMessage): Promise<(StoredFile & { filename: string })[]> {
  const stored: (StoredFile & { filename: string })[] = [];
  for (const a of msg.attachments) {
    try {
      stored.push({ ...(await storeUpload(ctx.config.attachmentsDir, tenantId, Readable.from(a.content), ctx.config.attachmentMaxBytes)), filename: a.filename });
    } catch (err) {
      // Too large: the ticket still opens, without that file (ticket attachment rules).
      if ((err as { code?: string }).code !== 'ATTACHMENT_TOO_LARGE') throw err;
    }
  }
  return stored;
}

async function withAttachments<T>(ctx: AppContext, tenantId: string, msg: InboundMessage, work: (files: (StoredFile & { filename: string })[]) => Promise<T>): Promise<T> {
  const files = await storeAttachments(ctx, tenantId, msg);
  try {
    return await work(files);
  } catch (err) {
    await Promise.all(files.map((f) => removeStored(ctx.config.attachmentsDir, f.storageKey)));
    throw err;
  }
}

async function newTicket(ctx: AppContext, tenantId: string, msg: InboundMessage, requesterId: string): Promise<InboundOutcome> {
  const description = msg.text.trim().slice(0, BODY_MAX) || '—';
  await withAttachments(ctx, tenantId, msg, (files) =>
    createTicket(
      ctx,
      tenantId,
      { requesterId, subject: (msg.subject || '—').slice(0, SUBJECT_MAX), description, priority: 'medium', type: 'question', impact: 'low' },
      { contactId: requesterId, technicianId: null },
      async (trx, ticketId) => {
        await repo.recordInbound(trx, tenantId, record(msg, 'ticket', null, { ticketId }));
        if (msg.messageId) await rememberThreadRef(trx, tenantId, msg.messageId, ticketId);
        for (const f of files) await recordStoredAttachment(trx, tenantId, { ticketId, commentId: null }, f, { contactId: requesterId, technicianId: null });
      },
    ),
  );
  return 'ticket';
}

async function comment(ctx: AppContext, tenantId: string, msg: InboundMessage, ticketId: string, by: Sender): Promise<InboundOutcome> {
  const { ticket } = await loadDetail(ctx.db, tenantId, ticketId, false);
  const body = replyText(msg.text, REPLY_MARKER).slice(0, BODY_MAX) || '—';
  await withAttachments(ctx, tenantId, msg, (files) =>
    addComment(ctx, tenantId, ticket, { body, internal: false, contactId: by.contactId, technicianId: by.technicianId }, async (trx, commentId) => {
      await repo.recordInbound(trx, tenantId, record(msg, 'comment', null, { ticketId, commentId }));
      if (msg.messageId) await rememberThreadRef(trx, tenantId, msg.messageId, ticketId);
      for (const f of files) await recordStoredAttachment(trx, tenantId, { ticketId, commentId }, f, { contactId: by.contactId, technicianId: by.technicianId });
    }),
  );
  return 'comment';
}

/** Reprocesses a message from the failed-mail store; on success its failed record goes. */
export async function reprocessFailed(ctx: AppContext, log: WorkerLog, tenantId: string, id: string): Promise<InboundOutcome | null> {
  const row = await repo.findFailed(ctx.db, tenantId, id);
  if (!row?.raw) return null;
  const outcome = await receiveMail(ctx, log, tenantId, row.raw, null);
  if (outcome !== 'failed') await repo.deleteInbound(ctx.db, tenantId, id);
  return outcome;
}
