import type { PortalSettings } from '@porta/contracts/portal-settings';
import type { TicketComment, TicketDetail, TicketSummary } from '@porta/contracts/tickets';
import { visibilityOf } from '../portal-settings/portal-settings.model.ts';
import { hiddenSummaryProps } from './portal-tickets.policy.ts';
import { presentStatus } from '../ticket-statuses/ticket-statuses.presenter.ts';
import type { AttachmentRow, CommentRow, TicketRow, TicketSummaryRow } from './tickets.repo.ts';

export function presentSummary(r: TicketSummaryRow): TicketSummary {
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    status: presentStatus({
      id: r.status_id,
      key: r.status_key,
      name: r.status_name,
      category: r.status_category,
      is_default: r.status_is_default,
      position: r.status_position,
    }),
    priority: r.priority,
    type: r.type,
    impact: r.impact,
    customer: { id: r.customer_id, name: r.customer_name },
    requester: { id: r.requester_id, name: r.requester_name, email: r.requester_email },
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    dueAt: r.due_at?.toISOString() ?? null,
    billed: r.billed,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function presentComment(c: CommentRow): TicketComment {
  const author = c.author_technician_id
    ? { kind: 'technician' as const, id: c.author_technician_id, name: c.technician_name ?? '' }
    : c.author_contact_id
      ? { kind: 'contact' as const, id: c.author_contact_id, name: c.contact_name ?? '' }
      : { kind: 'system' as const, id: null, name: '' };
  return { id: c.id, body: c.body, internal: c.internal, author, createdAt: c.created_at.toISOString() };
}

export function presentAttachment(a: AttachmentRow, ticketUrl: string) {
  return {
    id: a.id,
    filename: a.filename,
    contentType: a.content_type,
    size: Number(a.size),
    commentId: a.comment_id,
    createdAt: a.created_at.toISOString(),
    url: `${ticketUrl}/attachments/${a.id}`,
  };
}

export interface DetailParts {
  ticket: TicketRow;
  comments: CommentRow[];
  attachments: AttachmentRow[];
  customFields: Record<string, string | number | boolean>;
}

export function presentDetail(p: DetailParts, ticketUrl: string): TicketDetail {
  return {
    ...presentSummary(p.ticket),
    description: p.ticket.description,
    billedMinutes: p.ticket.billed_minutes,
    customFields: p.customFields,
    comments: p.comments.map(presentComment),
    attachments: p.attachments.map((a) => presentAttachment(a, ticketUrl)),
  };
}

/**
 * T-6: what a contact may read. Hidden default fields and hidden custom fields are removed
 * here, the one place every portal answer (list, detail, live refetch) goes through.
 */
export function forPortal<T extends TicketSummary & { customFields?: TicketDetail['customFields']; billedMinutes?: number }>(t: T, settings: PortalSettings): T {
  const hidden = hiddenSummaryProps(settings);
  // A summary with nothing hidden goes out as it is: no copy (25 a page on the hot list, issue 16).
  if (hidden.length === 0 && t.billedMinutes === undefined && t.customFields === undefined) return t;
  // Hidden properties are set to undefined on a copy, not deleted: the answer's JSON leaves them
  // out all the same, and the copy keeps its fast shape (a `delete` turned every summary of the
  // list into a dictionary: ~30 KiB and ~12 µs a page, issue 16).
  const out: T = { ...t };
  for (const prop of hidden) out[prop] = undefined;
  if (out.billedMinutes !== undefined) out.billedMinutes = undefined;
  if (out.customFields) {
    out.customFields = Object.fromEntries(Object.entries(out.customFields).filter(([key]) => visibilityOf(settings, `custom.${key}`) !== 'hidden'));
  }
  return out;
}
