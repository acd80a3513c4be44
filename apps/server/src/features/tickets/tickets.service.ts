import type { z } from 'zod';
import type { ticketCreateSchema, ticketListQuerySchema, ticketUpdateSchema } from '@porta/contracts/tickets';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import type { Updateable } from 'kysely';
import type { TicketsTable } from '../../platform/db/schema.ts';
import type { LiveEvent } from '../../platform/events/bus.ts';
import { enqueue } from '../../platform/events/outbox.ts';
import { AppError } from '../../platform/errors.ts';
import type { TechnicianPrincipal } from '../../platform/auth/principal.ts';
import { validateCustomValues } from '../custom-fields/custom-field-values.ts';
import { listCustomFields, upsertValues, valuesOfTicket } from '../custom-fields/custom-fields.repo.ts';
import { findStatusByKey, listStatuses } from '../ticket-statuses/ticket-statuses.repo.ts';
import * as repo from './tickets.repo.ts';
import type { DetailParts } from './tickets.presenter.ts';

/** A ticket with its timeline; pass `known` when the caller already read the row (one read, not two). */
export async function loadDetail(db: Db, tenantId: string, id: string, includeInternal: boolean, known?: repo.TicketRow): Promise<DetailParts> {
  const ticket = known ?? (await repo.findTicket(db, tenantId, id));
  if (!ticket) throw new AppError('TICKET_NOT_FOUND');
  const [comments, attachments, values] = await Promise.all([
    repo.listComments(db, tenantId, id, includeInternal),
    repo.listAttachments(db, tenantId, id, includeInternal),
    valuesOfTicket(db, tenantId, id),
  ]);
  return { ticket, comments, attachments, customFields: Object.fromEntries(values.map((v) => [v.key, v.value])) };
}

/** Tells open browsers after the commit; a lost live event only delays a screen, never data. */
export async function announce(ctx: AppContext, t: { tenantId: string; id: string; customerId: string; requesterId: string }, topic: LiveEvent['topic'], internal = false) {
  await ctx.bus
    .publish({ tenantId: t.tenantId, topic, ticketId: t.id, customerId: t.customerId, requesterId: t.requesterId, internal })
    .catch(() => undefined);
}

async function statusIdOf(db: Db, tenantId: string, key: string): Promise<string> {
  const status = await findStatusByKey(db, tenantId, key);
  if (!status) throw new AppError('STATUS_NOT_FOUND');
  return status.id;
}

export async function assertAssignee(db: Db, tenantId: string, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const found = await db.selectFrom('technicians').select('id').where('tenant_id', '=', tenantId).where('id', '=', assigneeId).executeTakeFirst();
  if (!found) throw new AppError('TECHNICIAN_NOT_FOUND');
}

export async function listForConsole(ctx: AppContext, tenantId: string, q: z.infer<typeof ticketListQuerySchema>) {
  return repo.listTickets(ctx.db, tenantId, { ...q, statusKeys: q.status ? [q.status] : undefined, searchInternal: true, capTotal: true });
}

export interface NewTicket {
  requesterId: string;
  subject: string;
  description: string;
  priority: TicketsTable['priority'];
  type: TicketsTable['type'];
  impact: TicketsTable['impact'];
  assigneeId?: string | null | undefined;
  dueAt?: string | null | undefined;
  customFields?: Record<string, string | number | boolean | null> | undefined;
}

/** `null` and `''` mean "no value": nothing is stored or answered for them. */
const hasValue = (v: string | number | boolean | null): v is repo.CustomValue['value'] => v !== null && v !== '';

/** Work a caller adds to the creating transaction (inbound mail records its message there, so a redelivery cannot create a second ticket). */
export type InTransaction = (trx: Db, id: string) => Promise<void>;

/**
 * Creates a ticket with its number, custom values and `ticket.created` outbox event in one
 * statement (see `insertTicketWithEvent`), and answers its detail without reading it again
 * (a new ticket has no comments or attachments). The custom field definitions are read only
 * when values were sent, to validate them.
 */
export async function createTicket(
  ctx: AppContext,
  tenantId: string,
  input: NewTicket,
  author: { contactId: string | null; technicianId: string | null },
  inTransaction?: InTransaction,
): Promise<DetailParts> {
  const custom = input.customFields && Object.keys(input.customFields).length > 0 ? input.customFields : undefined;
  const values = custom ? validateCustomValues(await listCustomFields(ctx.db, tenantId), custom) : [];
  const stored = values.filter((v): v is repo.CustomValue => hasValue(v.value));
  const draft: repo.TicketDraft = {
    requesterId: input.requesterId,
    statusKey: 'open',
    subject: input.subject,
    description: input.description,
    priority: input.priority,
    type: input.type,
    impact: input.impact,
    assigneeId: input.assigneeId ?? null,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
  };
  const event = { createdByContactId: author.contactId, createdByTechnicianId: author.technicianId };
  // One statement; with a caller's work to add, one transaction around the statement and that work.
  const ticket = inTransaction
    ? await ctx.db.transaction().execute(async (trx) => {
        const row = await repo.insertTicketWithEvent(trx, tenantId, draft, stored, event);
        if (row) await inTransaction(trx, row.id);
        return row;
      })
    : await repo.insertTicketWithEvent(ctx.db, tenantId, draft, stored, event);
  if (!ticket) return explainRefusedCreation(ctx.db, tenantId, draft);
  await announce(ctx, { tenantId, id: ticket.id, customerId: ticket.customer_id, requesterId: ticket.requester_id }, 'ticket.created');
  const customFields = Object.fromEntries(Object.entries(custom ?? {}).filter((e): e is [string, repo.CustomValue['value']] => hasValue(e[1])));
  return { ticket, comments: [], attachments: [], customFields };
}

/** The creation wrote nothing: say which reference was not the tenant's (the rare path, so extra reads are fine). */
async function explainRefusedCreation(db: Db, tenantId: string, d: repo.TicketDraft): Promise<never> {
  const requester = await db.selectFrom('contacts').select('id').where('tenant_id', '=', tenantId).where('id', '=', d.requesterId).executeTakeFirst();
  if (!requester) throw new AppError('CONTACT_NOT_FOUND');
  await assertAssignee(db, tenantId, d.assigneeId);
  await statusIdOf(db, tenantId, d.statusKey);
  throw new AppError('TICKET_NOT_FOUND');
}

export function createForConsole(ctx: AppContext, me: TechnicianPrincipal, input: z.infer<typeof ticketCreateSchema>) {
  return createTicket(ctx, me.tenantId, { ...input, requesterId: input.contactId }, { contactId: null, technicianId: me.id });
}

export interface TicketChange {
  statusKey?: string | undefined;
  fields: Pick<Updateable<TicketsTable>, 'subject' | 'description' | 'priority' | 'type' | 'impact' | 'assignee_id' | 'due_at' | 'billed' | 'billed_minutes'>;
  customFields?: Record<string, string | number | boolean | null> | undefined;
}

/** Applies a change; a status change writes `ticket.status_changed` to the outbox in the same transaction. */
export async function applyChange(ctx: AppContext, tenantId: string, ticket: repo.TicketRow, change: TicketChange, actor: { contactId: string | null; technicianId: string | null }) {
  await ctx.db.transaction().execute(async (trx) => {
    const statusId = change.statusKey === undefined ? undefined : await statusIdOf(trx, tenantId, change.statusKey);
    const values = change.customFields ? validateCustomValues(await listCustomFields(trx, tenantId), change.customFields) : [];
    await repo.updateTicket(trx, tenantId, ticket.id, { ...change.fields, ...(statusId !== undefined && { status_id: statusId }) });
    await upsertValues(trx, tenantId, ticket.id, values);
    if (statusId !== undefined && statusId !== ticket.status_id) {
      await enqueue(trx, tenantId, 'ticket.status_changed', { ticketId: ticket.id, from: ticket.status_key, to: change.statusKey, ...actor });
    }
    // Issue 15: other changes are an event too (webhooks `ticket.updated`).
    if (Object.keys(change.fields).length > 0 || values.length > 0) await enqueue(trx, tenantId, 'ticket.updated', { ticketId: ticket.id, fields: [...Object.keys(change.fields), ...Object.keys(change.customFields ?? {}).map((k) => `custom.${k}`)], ...actor });
  });
  await announce(ctx, { tenantId, id: ticket.id, customerId: ticket.customer_id, requesterId: ticket.requester_id }, 'ticket.updated');
}

export async function updateForConsole(ctx: AppContext, me: TechnicianPrincipal, id: string, input: z.infer<typeof ticketUpdateSchema>) {
  const ticket = await repo.findTicket(ctx.db, me.tenantId, id);
  if (!ticket) throw new AppError('TICKET_NOT_FOUND');
  await assertAssignee(ctx.db, me.tenantId, input.assigneeId);
  await applyChange(
    ctx,
    me.tenantId,
    ticket,
    {
      statusKey: input.status,
      customFields: input.customFields,
      fields: {
        ...(input.subject !== undefined && { subject: input.subject }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.priority !== undefined && { priority: input.priority }),
        ...(input.type !== undefined && { type: input.type }),
        ...(input.impact !== undefined && { impact: input.impact }),
        ...(input.assigneeId !== undefined && { assignee_id: input.assigneeId }),
        ...(input.dueAt !== undefined && { due_at: input.dueAt ? new Date(input.dueAt) : null }),
        ...(input.billed !== undefined && { billed: input.billed }),
        ...(input.billedMinutes !== undefined && { billed_minutes: input.billedMinutes }),
      },
    },
    { contactId: null, technicianId: me.id },
  );
}

/** A comment; a public one writes `ticket.replied` to the outbox. `reopenTo` moves a closed ticket back to an open status. */
export async function addComment(
  ctx: AppContext,
  tenantId: string,
  ticket: repo.TicketRow,
  c: { body: string; internal: boolean; contactId: string | null; technicianId: string | null; reopenTo?: string | undefined },
  inTransaction?: InTransaction,
): Promise<string> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertComment(trx, {
      tenant_id: tenantId,
      ticket_id: ticket.id,
      author_contact_id: c.contactId,
      author_technician_id: c.technicianId,
      internal: c.internal,
      body: c.body,
    });
    const statusId = c.reopenTo ? await statusIdOf(trx, tenantId, c.reopenTo) : undefined;
    await repo.updateTicket(trx, tenantId, ticket.id, statusId ? { status_id: statusId } : {});
    if (!c.internal) await enqueue(trx, tenantId, 'ticket.replied', { ticketId: ticket.id, commentId: id, byContactId: c.contactId, byTechnicianId: c.technicianId });
    if (statusId && statusId !== ticket.status_id) {
      await enqueue(trx, tenantId, 'ticket.status_changed', { ticketId: ticket.id, from: ticket.status_key, to: c.reopenTo, contactId: c.contactId, technicianId: c.technicianId });
    }
    await inTransaction?.(trx, id);
    return id;
  });
  await announce(ctx, { tenantId, id: ticket.id, customerId: ticket.customer_id, requesterId: ticket.requester_id }, 'ticket.commented', c.internal);
  return id;
}

export { listStatuses };
