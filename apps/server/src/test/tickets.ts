import { createTicket, type NewTicket } from '../features/tickets/tickets.service.ts';
import type { AppContext } from '../platform/context.ts';
import { uniq } from './factories.ts';

/**
 * Ticket fixtures for the ticket suites (issue 3). They go through the services, as the
 * factories do, so numbers, statuses and outbox rows are the real ones.
 */

/** A ticket requested by a contact, through the service (as if the contact opened it). */
export function openTicket(ctx: AppContext, tenantId: string, requesterId: string, input: Partial<Omit<NewTicket, 'requesterId'>> = {}): Promise<string> {
  return createTicket(
    ctx,
    tenantId,
    { requesterId, subject: `Printer ${uniq()}`, description: 'It jams.', priority: 'medium', type: 'incident', impact: 'low', ...input },
    { contactId: requesterId, technicianId: null },
  ).then((created) => created.ticket.id);
}

/** Sets a ticket's status by key, straight in the database (a fixture, not the behaviour under test). */
export async function setStatus(ctx: AppContext, tenantId: string, ticketId: string, key: string): Promise<void> {
  const status = await ctx.db.selectFrom('ticket_statuses').select('id').where('tenant_id', '=', tenantId).where('key', '=', key).executeTakeFirstOrThrow();
  await ctx.db.updateTable('tickets').set({ status_id: status.id }).where('id', '=', ticketId).execute();
}

/** The ticket row with its status key, read back from the database. */
export function ticketRow(ctx: AppContext, id: string) {
  return ctx.db
    .selectFrom('tickets as t')
    .innerJoin('ticket_statuses as s', 's.id', 't.status_id')
    .selectAll('t')
    .select('s.key as status_key')
    .where('t.id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function commentCount(ctx: AppContext, ticketId: string): Promise<number> {
  const r = await ctx.db.selectFrom('ticket_comments').select((eb) => eb.fn.countAll<string>().as('n')).where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function attachmentCount(ctx: AppContext, ticketId: string): Promise<number> {
  const r = await ctx.db.selectFrom('ticket_attachments').select((eb) => eb.fn.countAll<string>().as('n')).where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface OutboxRow {
  topic: string;
  payload: Record<string, unknown>;
  status: string;
}

/** The tenant's outbox rows about one ticket, oldest first. */
export async function outboxOf(ctx: AppContext, tenantId: string, ticketId: string): Promise<OutboxRow[]> {
  const rows = await ctx.db.selectFrom('outbox').select(['topic', 'payload', 'status', 'created_at']).where('tenant_id', '=', tenantId).orderBy('created_at').execute();
  return rows
    .map((r) => ({ topic: r.topic, status: r.status, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown> }))
    .filter((r) => r.payload.ticketId === ticketId);
}

/** Every outbox row of the tenant (to show a refused write added none). */
export async function outboxCount(ctx: AppContext, tenantId: string): Promise<number> {
  const r = await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Waits until `check` answers true (polling), for effects that cross nodes; false after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 3_000, everyMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
