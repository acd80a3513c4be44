import type { AssistantCard } from '@porta/contracts/assistant';
import { AppError } from '../../../platform/errors.ts';
import { createForContact } from '../../tickets/portal-tickets.service.ts';
import { refused, type ToolContext, type ToolResult } from './tool.types.ts';

const SUBJECT_MAX = 200;

/**
 * create_ticket(summary): the portal's ticket creation, as the contact (T-1), with the chat's
 * transcript as its description. The assistant is how contacts escalate even when manual
 * creation is disabled (AI-4); with Ticketing off for them it does not exist.
 */
export async function createTicketTool(t: ToolContext, args: { summary: string }): Promise<ToolResult> {
  const existing = t.sessionTicket;
  if (existing) {
    const card: AssistantCard = { kind: 'ticket', ticketId: existing.id, number: existing.number, title: existing.title, status: existing.status };
    return { ok: true, data: { ticket: { number: existing.number, title: existing.title, status: existing.status }, note: 'This conversation already has this ticket.' }, cards: [card] };
  }
  if (!t.caller.sections.tickets) return refused('NOT_FOUND');
  const summary = args.summary.replace(/\s+/g, ' ').trim();
  const subject = (summary.length > 0 ? summary : 'Assistant').slice(0, SUBJECT_MAX);
  try {
    const { parts } = await createForContact(t.ctx, t.caller.contact, t.caller.settings, { subject, description: await t.transcript() });
    const tk = parts.ticket;
    const card: AssistantCard = { kind: 'ticket', ticketId: tk.id, number: Number(tk.number), title: tk.subject, status: tk.status_key };
    return { ok: true, data: { ticket: { number: Number(tk.number), title: tk.subject, status: tk.status_key } }, cards: [card], log: `ticket #${tk.number} opened` };
  } catch (err) {
    if (err instanceof AppError) return refused(err.code);
    throw err;
  }
}
