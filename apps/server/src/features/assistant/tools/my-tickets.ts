import type { AssistantCard } from '@porta/contracts/assistant';
import { listForContact } from '../../tickets/portal-tickets.service.ts';
import { parseSummaries } from '../../tickets/ticket-summary-json.ts';
import { refused, type ToolContext, type ToolResult } from './tool.types.ts';

/**
 * my_tickets: the contact's own tickets as the portal lists them (statuses the portal shows).
 * Only number, title, status and last change: no field the portal could hide (T-6) reaches the
 * model, and never a colleague's ticket, primary contact or not.
 */
export async function myTicketsTool(t: ToolContext, limit = 5): Promise<ToolResult> {
  if (!t.caller.sections.tickets) return refused('NOT_FOUND');
  const page = await listForContact(t.ctx, t.caller.contact, t.caller.settings, { scope: 'mine', page: 1, pageSize: limit });
  const tickets = parseSummaries(page.items).map((r) => ({ ticketId: r.id, number: r.number, title: r.subject, status: r.status.key, updatedAt: r.updatedAt }));
  const card: AssistantCard = { kind: 'tickets', tickets };
  return { ok: true, data: { tickets: tickets.map(({ number, title, status, updatedAt }) => ({ number, title, status, updatedAt })) }, cards: tickets.length > 0 ? [card] : [] };
}
