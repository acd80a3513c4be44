import type { AssistantCard } from '@porta/contracts/assistant';
import type { Language } from '@porta/contracts/common';
import { actionStatusSchema } from '@porta/contracts/self-service';
import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { asSelfServiceContact } from '../self-service/self-service.policy.ts';
import { getAction } from '../self-service/self-service.service.ts';
import { findTicket } from '../tickets/tickets.repo.ts';
import { applyChange, createTicket } from '../tickets/tickets.service.ts';
import type { AssistantCaller } from './assistant.policy.ts';

/** Whose session it is: all the transcript needs (a request's caller, or a session's owner read back). */
export type TranscriptOwner = Pick<AssistantCaller, 'tenantId' | 'language'> & { contact: Pick<AssistantCaller['contact'], 'id' | 'customerId' | 'firstName' | 'lastName'> };
import type { MessageRow } from './assistant.repo.ts';
import { updateMessageCards } from './assistant.repo.ts';

type ActionCard = Extract<AssistantCard, { kind: 'action' }>;

const DESCRIPTION_MAX = 60_000;

/** The conversation as Markdown (the ticket's description, or the escalation ticket's), actions with their state. */
export function renderTranscript(lang: Language, messages: Pick<MessageRow, 'role' | 'text' | 'cards' | 'created_at'>[]): string {
  const say = (k: string) => translate(lang, 'assistant', `transcript.${k}`);
  const lines: string[] = [];
  for (const m of messages) {
    const at = new Date(m.created_at).toISOString().slice(0, 16).replace('T', ' ');
    lines.push(`**${say(m.role === 'contact' ? 'contact' : 'assistant')}** (${at} UTC): ${m.text.replace(/\s+/g, ' ').trim()}`);
    for (const c of m.cards) {
      if (c.kind !== 'action') continue;
      lines.push(`- ${say('actions')}: ${actionLine(lang, c)}`);
    }
  }
  const text = lines.join('\n\n');
  return text.length > DESCRIPTION_MAX ? `…\n\n${text.slice(-DESCRIPTION_MAX)}` : text;
}

const REQUEST_STATES: ReadonlySet<string> = new Set(actionStatusSchema.options);

/** One action as technicians read it in the contact's language: "Riavvia — PC-07 — Confermata (Completato)". */
function actionLine(lang: Language, c: ActionCard): string {
  const action = translate(lang, 'devices', `actions.${c.action}`);
  const what = c.packageName ? `${action}: ${c.packageName}` : action;
  // Request states the portal names; the card's own (proposed…) stay as they are.
  const state = REQUEST_STATES.has(c.state) ? translate(lang, 'devices', `selfService.requestStatus.${c.state}`) : c.state;
  const outcome = c.commandStatus ? ` (${translate(lang, 'devices', `status.${c.commandStatus}`)})` : '';
  // Issue 13 item 5: who approved or denied, and why.
  const d = c.decision;
  const decision = d ? ` — ${translate(lang, 'assistant', d.approved ? 'transcript.approvedBy' : 'transcript.deniedBy', { name: d.by })}${d.reason ? `: ${d.reason}` : ''}` : '';
  return `${what} — ${c.deviceName} — ${state}${outcome}${decision}`;
}

/**
 * Action cards follow their self-service request (SS-7): read as the contact (getAction), so a
 * card never shows more than the actions page would. Cards that changed are stored again.
 */
export async function refreshCards(ctx: AppContext, caller: TranscriptOwner, messages: MessageRow[]): Promise<MessageRow[]> {
  // As the requester only (never as a primary contact): a card is the contact's own request.
  const who = asSelfServiceContact({ ...caller.contact, isPrimary: false }, caller.language);
  const out: MessageRow[] = [];
  for (const m of messages) {
    if (!m.cards.some((x) => x.kind === 'action' && x.requestId)) {
      out.push(m);
      continue;
    }
    let changed = false;
    const cards: AssistantCard[] = [];
    for (const card of m.cards) {
      if (card.kind !== 'action' || !card.requestId) {
        cards.push(card);
        continue;
      }
      const next = await refreshed(ctx, caller.tenantId, who, card);
      changed ||= next.state !== card.state || next.commandStatus !== card.commandStatus || JSON.stringify(next.decision ?? null) !== JSON.stringify(card.decision ?? null);
      cards.push(next);
    }
    if (changed) await updateMessageCards(ctx.db, caller.tenantId, m.id, cards);
    out.push({ ...m, cards });
  }
  return out;
}

async function refreshed(ctx: AppContext, tenantId: string, who: Parameters<typeof getAction>[2], card: ActionCard): Promise<ActionCard> {
  try {
    const view = await getAction(ctx, tenantId, who, card.requestId ?? '');
    const decision = view.decision ? { approved: view.decision.approved, by: view.decision.by, reason: view.decision.reason } : null;
    return { ...card, state: view.status, commandStatus: view.command?.status ?? null, ...(decision && { decision }) };
  } catch (err) {
    if (err instanceof AppError) return card;
    throw err;
  }
}

/**
 * AI-3: the session's ticket holds the whole conversation and every action with its result,
 * rewritten after each turn (and when a card's state moves). Opened for the contact as
 * requester on the session's first turn.
 */
export async function syncTranscriptTicket(ctx: AppContext, caller: TranscriptOwner, session: { id: string; title: string; ticket_id: string | null }, messages: MessageRow[]): Promise<string | null> {
  const description = renderTranscript(caller.language, messages);
  const c = caller.contact;
  const author = { contactId: c.id, technicianId: null };
  if (session.ticket_id) {
    const ticket = await findTicket(ctx.db, caller.tenantId, session.ticket_id);
    if (!ticket) return null;
    if (ticket.description !== description && !ticket.billed) await applyChange(ctx, caller.tenantId, ticket, { fields: { description } }, author);
    return ticket.id;
  }
  const subject = translate(caller.language, 'assistant', 'transcript.title', { title: session.title }).slice(0, 200);
  const parts = await createTicket(ctx, caller.tenantId, { requesterId: c.id, subject, description, priority: 'medium', type: 'incident', impact: 'low' }, author);
  return parts.ticket.id;
}
