import type { AssistantCard } from '@porta/contracts/assistant';
import type { ErrorCode } from '@porta/contracts/errors';
import type { AppContext } from '../../../platform/context.ts';
import type { AssistantCaller } from '../assistant.policy.ts';

/** What a tool runs with: the app, and the contact it runs AS (AI-6). */
export interface ToolContext {
  ctx: AppContext;
  caller: AssistantCaller;
  /** The session so far, as text, for a ticket the assistant opens ("talk to a technician"). */
  transcript: () => Promise<string>;
  /** The session's ticket, if it has one (AI-3): escalating again points there, no second ticket. */
  sessionTicket?: { id: string; number: number; title: string; status: string } | null;
}

/**
 * A tool's answer. `data` is all the model ever reads of it, sent as a JSON tool message
 * (quoted data, never instructions): ids, names, titles and snippets of what the contact may
 * see by hand; never secrets, codes, passwords or other contacts' data.
 */
export interface ToolResult {
  ok: boolean;
  data: Record<string, unknown>;
  cards: AssistantCard[];
  /** The refusal, as the API would answer it. */
  code?: ErrorCode;
  /** One line for the session's ticket: what ran, and how it went. */
  log?: string;
}

export const refused = (code: ErrorCode, log?: string): ToolResult => ({ ok: false, data: { error: code }, cards: [], code, ...(log !== undefined && { log }) });
