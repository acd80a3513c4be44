import type { z } from 'zod';
import type { PortalSettings } from '@porta/contracts/portal-settings';
import type { portalTicketCreateSchema, portalTicketListQuerySchema, portalTicketUpdateSchema } from '@porta/contracts/tickets';
import type { AppContext } from '../../platform/context.ts';
import type { ContactPrincipal } from '../../platform/auth/principal.ts';
import { AppError } from '../../platform/errors.ts';
import { assertEditable, editableFields, hiddenSummaryProps, mayRead, permissionsFor } from './portal-tickets.policy.ts';
import * as repo from './tickets.repo.ts';
import { addComment, applyChange, assertAssignee, createTicket, loadDetail } from './tickets.service.ts';

const author = (c: ContactPrincipal) => ({ contactId: c.id, technicianId: null });

interface FieldWrites {
  priority?: unknown;
  type?: unknown;
  impact?: unknown;
  assigneeId?: unknown;
  dueAt?: unknown;
  customFields?: Record<string, unknown> | undefined;
}

/** Body properties and the portal field (T-6 setting) each one writes. */
const FIELD_OF = { priority: 'priority', type: 'type', impact: 'impact', assigneeId: 'assignee', dueAt: 'dueDate' } as const;

/** Field names a request body touches, in the portal's naming (`custom.<key>` for custom fields); null (clearing) counts as a write. */
function touched(body: FieldWrites): string[] {
  const names = (Object.keys(FIELD_OF) as (keyof typeof FIELD_OF)[]).filter((p) => body[p] !== undefined).map((p) => FIELD_OF[p]);
  return [...names, ...Object.keys(body.customFields ?? {}).map((k) => `custom.${k}`)];
}

export async function listForContact(ctx: AppContext, contact: ContactPrincipal, settings: PortalSettings, q: z.infer<typeof portalTicketListQuerySchema>) {
  const visible = settings.tickets.visibleStatuses;
  const statusKeys = q.status ? visible.filter((k) => k === q.status) : visible;
  const company = q.scope === 'company' && contact.isPrimary;
  return repo.listTickets(ctx.db, contact.tenantId, {
    q: q.q,
    page: q.page,
    pageSize: q.pageSize,
    customerId: contact.customerId,
    requesterId: company ? undefined : contact.id,
    statusKeys,
    capTotal: true,
    omit: hiddenSummaryProps(settings),
  });
}

/** The ticket if the contact may see it; otherwise 404, whether or not it exists. */
export async function readableTicket(ctx: AppContext, contact: ContactPrincipal, settings: PortalSettings, id: string) {
  const ticket = await repo.findTicket(ctx.db, contact.tenantId, id);
  if (!ticket || !mayRead(contact, settings, ticket)) throw new AppError('TICKET_NOT_FOUND');
  return ticket;
}

export async function detailForContact(ctx: AppContext, contact: ContactPrincipal, settings: PortalSettings, id: string) {
  const ticket = await readableTicket(ctx, contact, settings, id);
  const parts = await loadDetail(ctx.db, contact.tenantId, id, false, ticket);
  return { parts, permissions: permissionsFor(settings, contact.customFieldKeys, parts.ticket) };
}

/** The new ticket's detail and the contact's permissions on it: one statement, plus a read of the custom fields only when values were sent. */
export async function createForContact(ctx: AppContext, contact: ContactPrincipal, settings: PortalSettings, body: z.infer<typeof portalTicketCreateSchema>) {
  const keys = contact.customFieldKeys;
  assertEditable(editableFields(settings, keys), touched(body));
  const parts = await createTicket(
    ctx,
    contact.tenantId,
    {
      requesterId: contact.id,
      subject: body.subject,
      description: body.description,
      priority: body.priority ?? 'medium',
      type: body.type ?? 'incident',
      impact: body.impact ?? 'low',
      // A technician who is not the tenant's (another tenant's, or unknown) makes the one-statement insert write nothing: 404 TECHNICIAN_NOT_FOUND.
      assigneeId: body.assigneeId,
      dueAt: body.dueAt,
      customFields: body.customFields,
    },
    author(contact),
  );
  return { parts, permissions: permissionsFor(settings, keys, parts.ticket) };
}

/** T-4, T-5, T-6: billed tickets are read-only; fields as visibility allows; resolve and reopen as settings allow. */
export async function updateForContact(ctx: AppContext, contact: ContactPrincipal, settings: PortalSettings, id: string, body: z.infer<typeof portalTicketUpdateSchema>) {
  const ticket = await readableTicket(ctx, contact, settings, id);
  if (ticket.billed) throw new AppError('TICKET_BILLED');
  const perms = permissionsFor(settings, contact.customFieldKeys, ticket);
  assertEditable(perms.editable, touched(body));
  if (body.status === 'resolved' && !perms.canResolve) throw new AppError('TICKET_NOT_OPEN');
  if (body.status === 'open' && ticket.status_category === 'open') throw new AppError('TICKET_NOT_OPEN');
  if (body.status === 'open' && !perms.canReopen) throw new AppError('REOPEN_NOT_ALLOWED');
  await assertAssignee(ctx.db, contact.tenantId, body.assigneeId);
  await applyChange(
    ctx,
    contact.tenantId,
    ticket,
    {
      statusKey: body.status,
      customFields: body.customFields,
      fields: {
        ...(body.priority !== undefined && { priority: body.priority }),
        ...(body.type !== undefined && { type: body.type }),
        ...(body.impact !== undefined && { impact: body.impact }),
        ...(body.assigneeId !== undefined && { assignee_id: body.assigneeId }),
        ...(body.dueAt !== undefined && { due_at: body.dueAt === null ? null : new Date(body.dueAt) }),
      },
    },
    author(contact),
  );
}

/** A reply from the contact; on a closed ticket it reopens it only when the tenant allows reopening (T-4). */
export async function commentForContact(ctx: AppContext, contact: ContactPrincipal, settings: PortalSettings, id: string, body: string) {
  const ticket = await readableTicket(ctx, contact, settings, id);
  if (ticket.billed) throw new AppError('TICKET_BILLED');
  const perms = permissionsFor(settings, [], ticket);
  const reopenTo = perms.canReopen ? 'open' : undefined;
  const commentId = await addComment(ctx, contact.tenantId, ticket, { body, internal: false, ...author(contact), reopenTo });
  return { ticket, commentId };
}

/** How many of the latest open tickets the portal home shows. */
const HOME_LATEST = 5;

/**
 * The portal home's ticket block (#9 item 8): the contact's own open tickets (in a status the
 * portal shows and of the "open" category), the latest few by activity, and for a primary
 * contact the company's open count too. The page and its count run side by side with the
 * company count: one round trip's worth of time.
 */
export async function homeForContact(ctx: AppContext, contact: ContactPrincipal, settings: PortalSettings) {
  const mine = { customerId: contact.customerId, requesterId: contact.id, statusKeys: settings.tickets.visibleStatuses, statusCategory: 'open' as const, omit: hiddenSummaryProps(settings) };
  const [latest, companyOpenCount] = await Promise.all([
    repo.listTickets(ctx.db, contact.tenantId, { ...mine, sort: 'updated', page: 1, pageSize: HOME_LATEST }),
    contact.isPrimary ? repo.countTickets(ctx.db, contact.tenantId, { ...mine, requesterId: undefined }) : Promise.resolve(null),
  ]);
  return { latest: latest.items, openCount: latest.total, companyOpenCount };
}
