import type { Language } from '@porta/contracts/common';
import { isLanguage } from '@porta/i18n/languages';
import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { loadDetail } from '../tickets/tickets.service.ts';
import { companyWatchers, contactForMail, statusOfTicket, techniciansForMail } from './mail-people.repo.ts';
import { tenantIdentity } from './mail-settings.service.ts';
import { queueMails, type NewMail } from './queued-mail.ts';
import type { ClaimedRow } from './outbox.repo.ts';
import { rememberThreadRefs } from './thread-refs.repo.ts';
import { threadRoot, ticketRef } from './ticket-ref.ts';

interface TicketEvent {
  ticketId: string;
  commentId?: string;
  byContactId?: string | null;
  byTechnicianId?: string | null;
  contactId?: string | null;
  technicianId?: string | null;
  createdByContactId?: string | null;
  createdByTechnicianId?: string | null;
  to?: string;
}

interface Recipient {
  name: string;
  email: string;
  language: string;
  console: boolean;
}

const langOf = (l: string): Language => (isLanguage(l) ? l : 'en');

/**
 * Ticket events become notification mails (issue 5, item 4): contacts hear of a technician's
 * public reply and of status changes (their own tickets; every company ticket for primary
 * contacts who opted in); technicians hear of new tickets and of contacts' replies.
 * Each mail threads under the ticket (In-Reply-To/References) and carries its signed reference.
 */
export async function notifyTicketEvent(ctx: AppContext, trx: Db, row: ClaimedRow): Promise<void> {
  const e = row.payload as TicketEvent;
  const tenantId = row.tenant_id;
  const detail = await loadDetail(trx, tenantId, e.ticketId, false).catch(() => null);
  if (!detail) return; // deleted since
  const { ticket } = detail;
  // Read in the transaction: on PGlite every connection shares one session, so a read on another connection would wait for this transaction.
  const tenant = await tenantIdentity(ctx, trx, tenantId);
  const actorContact = e.byContactId ?? e.contactId ?? e.createdByContactId ?? null;
  const actorTechnician = e.byTechnicianId ?? e.technicianId ?? e.createdByTechnicianId ?? null;

  let recipients: Recipient[] = [];
  let intro: (lang: Language) => string;
  let body = '';
  if (row.topic === 'ticket.created') {
    recipients = (await techniciansForMail(trx, tenantId)).filter((t) => t.id !== actorTechnician).map(technician);
    intro = (l) => translate(l, 'mail', 'notify.created', { number: ticket.number, requester: ticket.requester_name, customer: ticket.customer_name });
    body = ticket.description;
  } else if (row.topic === 'ticket.replied') {
    const comment = detail.comments.find((c) => c.id === e.commentId);
    if (!comment) return;
    body = comment.body;
    if (actorContact) {
      const techs = await techniciansForMail(trx, tenantId, ticket.assignee_id ? [ticket.assignee_id] : undefined);
      recipients = techs.map(technician);
      intro = (l) => translate(l, 'mail', 'notify.contactReplied', { author: comment.contact_name ?? '', number: ticket.number });
    } else {
      recipients = await contactRecipients(trx, tenantId, ticket.requester_id, ticket.customer_id, null);
      intro = (l) => translate(l, 'mail', 'notify.replied', { author: comment.technician_name ?? tenant.name, number: ticket.number });
    }
  } else {
    const status = await statusOfTicket(trx, tenantId, ticket.id);
    recipients = await contactRecipients(trx, tenantId, ticket.requester_id, ticket.customer_id, actorContact);
    intro = (l) => {
      const name = status?.is_default ? translate(l, 'mail', `status.${status.key}`) : (status?.name ?? e.to ?? '');
      return translate(l, 'mail', 'notify.status', { number: ticket.number, status: name });
    };
  }
  if (recipients.length === 0) return;

  const root = threadRoot(ticket.id, ctx.config.mail.domain);
  const subject = `${ticket.subject} ${ticketRef(ctx.keys, tenantId, ticket)}`;
  // Issue 16 item 2: every recipient's mail in one statement and the thread's references in another, not two per recipient.
  const mails = recipients.map((r): NewMail => {
    const lang = langOf(r.language);
    const link = r.console ? `${tenant.portalUrl}/console/tickets/${ticket.id}` : `${tenant.portalUrl}/tickets/${ticket.id}`;
    const text = [translate(lang, 'mail', 'notify.replyMarker'), '', intro(lang), '', body, '', translate(lang, 'mail', 'notify.link', { link }), '', translate(lang, 'mail', 'notify.footer'), ''].join('\n');
    return {
      kind: 'notification',
      from: tenant.from,
      to: { name: r.name, address: r.email },
      replyTo: tenant.inboundAddress,
      subject: row.topic === 'ticket.created' ? subject : `Re: ${subject}`,
      text,
      inReplyTo: root,
      references: [root],
      ticketId: ticket.id,
    };
  });
  const messageIds = await queueMails(ctx, trx, tenantId, mails);
  await rememberThreadRefs(trx, tenantId, [root, ...messageIds], ticket.id);
}

function technician(t: { name: string; email: string; language: string }): Recipient {
  return { name: t.name, email: t.email, language: t.language, console: true };
}

async function contactRecipients(trx: Db, tenantId: string, requesterId: string, customerId: string, exceptContactId: string | null): Promise<Recipient[]> {
  const [requester, watchers] = await Promise.all([contactForMail(trx, tenantId, requesterId), companyWatchers(trx, tenantId, customerId)]);
  const all = new Map<string, Recipient>();
  if (requester) all.set(requester.id, { name: `${requester.first_name} ${requester.last_name}`, email: requester.email, language: requester.language, console: false });
  for (const w of watchers) if (!all.has(w.id)) all.set(w.id, { name: `${w.first_name} ${w.last_name}`, email: w.email, language: w.language, console: false });
  if (exceptContactId) all.delete(exceptContactId);
  return [...all.values()];
}
