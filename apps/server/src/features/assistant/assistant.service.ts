import type { AssistantAnswer, AssistantCard, AssistantMessage, AssistantSession } from '@porta/contracts/assistant';
import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findTicket } from '../tickets/tickets.repo.ts';
import { modelConnection } from './assistant-options.service.ts';
import type { AssistantCaller } from './assistant.policy.ts';
import * as repo from './assistant.repo.ts';
import type { EngineAnswer, SessionState } from './engine/answer.types.ts';
import { builtinAnswer } from './engine/builtin-dispatch.ts';
import { ModelFailedAfterTools, modelAnswer } from './engine/openai/model-engine.ts';
import type { ToolContext } from './tools/tool.types.ts';
import { refreshCards, renderTranscript, syncTranscriptTicket } from './transcript.ts';

const TITLE_MAX = 80;

export function presentMessage(m: repo.MessageRow): AssistantMessage {
  return { id: m.id, role: m.role, text: m.text, cards: m.cards, createdAt: new Date(m.created_at).toISOString() };
}

const presentSummary = (s: repo.SessionRow) => ({ id: s.id, title: s.title, createdAt: new Date(s.created_at).toISOString(), updatedAt: new Date(s.updated_at).toISOString(), ticketId: s.ticket_id });

export async function listSessions(ctx: AppContext, caller: AssistantCaller) {
  return { items: (await repo.listSessions(ctx.db, caller.tenantId, caller.contact.id)).map(presentSummary) };
}

/** The contact's own session (another contact's is 404), its action cards as they stand now. */
export async function getSession(ctx: AppContext, caller: AssistantCaller, id: string): Promise<AssistantSession> {
  const session = await repo.findSession(ctx.db, caller.tenantId, caller.contact.id, id);
  if (!session) throw new AppError('ASSISTANT_SESSION_NOT_FOUND');
  const messages = await refreshCards(ctx, caller, await repo.listMessages(ctx.db, caller.tenantId, session.id));
  return { ...presentSummary(session), messages: messages.map(presentMessage) };
}

async function sessionState(ctx: AppContext, caller: AssistantCaller, session: repo.SessionRow, history: repo.MessageRow[]): Promise<SessionState> {
  const last = history.at(-1);
  const pendingChoice = last?.role === 'assistant' ? (last.cards.find((c): c is Extract<AssistantCard, { kind: 'choose-device' }> => c.kind === 'choose-device') ?? null) : null;
  const row = session.ticket_id ? await findTicket(ctx.db, caller.tenantId, session.ticket_id) : undefined;
  return { pendingChoice, ticket: row ? { id: row.id, number: Number(row.number), title: row.subject, status: row.status_key } : null };
}

/**
 * The model engine when the tenant chose one, else (and whenever the model fails or times
 * out) the built-in engine (AI-5). What already ran before a failure is kept, never redone.
 */
async function answerWith(ctx: AppContext, t: ToolContext, history: repo.MessageRow[], text: string, state: SessionState, onDelta?: (s: string) => void): Promise<EngineAnswer> {
  const conn = await modelConnection(ctx, t.caller.tenantId, t.caller.settings.assistant);
  if (conn) {
    try {
      return await modelAnswer(t, conn, history, text, onDelta);
    } catch (err) {
      if (err instanceof ModelFailedAfterTools) {
        return { ...err.partial, reply: translate(t.caller.language, 'assistant', 'modelPartial'), engine: 'openai' };
      }
      if (err instanceof AppError) throw err;
      // Model unreachable, refused, malformed or slow: the built-in engine answers.
    }
  }
  const answer = await builtinAnswer(t, text, state);
  // Composed at once; streamed word by word like a model's answer, so the portal draws one way.
  if (onDelta) for (const piece of answer.reply.match(/\S+\s*/g) ?? [answer.reply]) onDelta(piece);
  return answer;
}

/** One message from the contact and the assistant's answer (AI-1), stored in their session. */
export async function sendMessage(ctx: AppContext, caller: AssistantCaller, body: { sessionId?: string | undefined; text: string }, onDelta?: (s: string) => void): Promise<AssistantAnswer & { engine: EngineAnswer['engine'] }> {
  const text = body.text.trim();
  const session = body.sessionId
    ? await repo.findSession(ctx.db, caller.tenantId, caller.contact.id, body.sessionId)
    : await repo.insertSession(ctx.db, caller.tenantId, { contactId: caller.contact.id, customerId: caller.contact.customerId, title: text.replace(/\s+/g, ' ').slice(0, TITLE_MAX) });
  if (!session) throw new AppError('ASSISTANT_SESSION_NOT_FOUND');
  const history = await repo.listMessages(ctx.db, caller.tenantId, session.id);
  const state = await sessionState(ctx, caller, session, history);
  const asked = await repo.insertMessage(ctx.db, caller.tenantId, session.id, { role: 'contact', text });
  const tools: ToolContext = { ctx, caller, transcript: async () => renderTranscript(caller.language, [...history, asked]), sessionTicket: state.ticket };

  const answer = await answerWith(ctx, tools, history, text, state, onDelta);
  const reply = await repo.insertMessage(ctx.db, caller.tenantId, session.id, { role: 'assistant', text: answer.reply, cards: answer.cards, interpretation: answer.interpretation });

  // A ticket the assistant opened becomes the session's ticket (unless it already has one).
  let ticketId = session.ticket_id ?? answer.cards.find((c) => c.kind === 'ticket')?.ticketId ?? null;
  if (caller.settings.assistant.createsTicket) {
    const all = await refreshCards(ctx, caller, [...history, asked, reply]);
    ticketId = await syncTranscriptTicket(ctx, caller, { ...session, ticket_id: ticketId }, all);
  }
  await repo.touchSession(ctx.db, caller.tenantId, session.id, ticketId ?? undefined);
  return { sessionId: session.id, reply: answer.reply, interpretation: answer.interpretation, message: presentMessage(reply), engine: answer.engine };
}
