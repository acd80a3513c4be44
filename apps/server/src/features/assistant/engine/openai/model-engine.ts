import type { AssistantCard, Interpretation } from '@porta/contracts/assistant';
import type { MessageRow } from '../../assistant.repo.ts';
import { runTool, toolDefinitions } from '../../tools/registry.ts';
import { refused, type ToolContext, type ToolResult } from '../../tools/tool.types.ts';
import type { EngineAnswer } from '../answer.types.ts';
import { type ChatMessage, complete } from './completion.ts';
import { ModelFailure } from './stream-request.ts';
import { systemPrompt } from './system-prompt.ts';

/** Chat-completion requests per answer: tool rounds, then one last request with no tools offered. */
export const MAX_ROUNDS = 4;
const HISTORY = 20;
/** Tool calls run per answer; a model asking for more gets VALIDATION_FAILED for the rest (none of them runs). */
export const MAX_TOOL_CALLS = 8;
const REPLY_MAX = 8_000;
export const MODEL_TIMEOUT_MS = 30_000;

export interface ModelConnection {
  baseUrl: string;
  model: string;
  apiKey: string | null;
}

/** What ran before the model failed: kept, so an action requested is not requested twice. */
export class ModelFailedAfterTools extends Error {
  constructor(readonly partial: Pick<EngineAnswer, 'cards' | 'log' | 'interpretation'>, cause: unknown) {
    super('model failed after tools ran', { cause });
    this.name = 'ModelFailedAfterTools';
  }
}

/** What the tool calls say the assistant understood (the first one that names an intent). */
function interpret(calls: { name: string; args: unknown; result: ToolResult }[]): Interpretation {
  for (const c of calls) {
    const args = (c.args ?? {}) as Record<string, unknown>;
    if (c.name === 'request_action' && typeof args.action === 'string') return { intent: 'action', action: args.action as Interpretation['action'] };
    if (c.name === 'request_install') {
      const card = c.result.cards.find((x): x is Extract<AssistantCard, { kind: 'action' }> => x.kind === 'action');
      return { intent: 'install', packageId: card?.packageId ?? null };
    }
    if (c.name === 'search_kb') return { intent: 'kb', articleIds: ((c.result.data.articles as { id: string }[] | undefined) ?? []).map((a) => a.id) };
    if (c.name === 'create_ticket') return { intent: 'ticket' };
    if (c.name === 'my_tickets') return { intent: 'ticket_status' };
  }
  return { intent: 'other' };
}

/**
 * AI-5b: a model behind an OpenAI-compatible chat-completions API with tool calling (whichever vendor). The model decides, the
 * tools act as the contact (registry.ts); a refused tool call is a JSON error the model reads.
 * Streams the final text through `onDelta`. Throws on any failure so the built-in engine answers.
 */
export async function modelAnswer(t: ToolContext, conn: ModelConnection, history: MessageRow[], text: string, onDelta?: (s: string) => void): Promise<EngineAnswer> {
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(t.caller.language) },
    ...history.slice(-HISTORY).map((m): ChatMessage => (m.role === 'contact' ? { role: 'user', content: m.text } : { role: 'assistant', content: m.text })),
    { role: 'user', content: text },
  ];
  const tools = toolDefinitions(t.caller);
  const calls: { name: string; args: unknown; result: ToolResult }[] = [];
  const cards: AssistantCard[] = [];
  const log: string[] = [];
  let rounds = 0;
  try {
    for (;;) {
      rounds += 1;
      const last = rounds >= MAX_ROUNDS;
      const answer = await complete({ ...conn, messages, tools: last ? null : tools, allowPrivate: t.ctx.config.outboundAllowPrivate, timeoutMs: MODEL_TIMEOUT_MS, ...(onDelta && { onDelta }) });
      if (answer.toolCalls.length === 0 || last) {
        if (answer.content.trim() === '') throw new ModelFailure('model answered no text');
        return { reply: answer.content.slice(0, REPLY_MAX), cards, log, interpretation: interpret(calls), engine: 'openai', rounds };
      }
      messages.push({ role: 'assistant', content: answer.content || null, tool_calls: answer.toolCalls });
      for (const call of answer.toolCalls) {
        if (calls.length >= MAX_TOOL_CALLS) {
          messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(refused('VALIDATION_FAILED').data) });
          continue;
        }
        const out = await runTool(t, call.function.name, call.function.arguments);
        calls.push(out);
        cards.push(...out.result.cards);
        if (out.result.log) log.push(out.result.log);
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(out.result.data) });
      }
    }
  } catch (err) {
    if (calls.some((c) => c.result.cards.length > 0 || c.result.log)) throw new ModelFailedAfterTools({ cards, log, interpretation: interpret(calls) }, err);
    throw err;
  }
}
