import type { AssistantCard, Interpretation } from '@porta/contracts/assistant';

/** What an engine answers for one message; `log` lines go to the session's ticket (AI-3). */
export interface EngineAnswer {
  reply: string;
  interpretation: Interpretation;
  cards: AssistantCard[];
  log: string[];
  engine: 'builtin' | 'openai';
  /** Model engine: chat-completion requests made for this answer (tool-call round trips + the final one). */
  rounds?: number;
}

/** What the engines know of the session beyond the message itself. */
export interface SessionState {
  /** The choose-device card the assistant asked last, if the previous answer was one. */
  pendingChoice: Extract<AssistantCard, { kind: 'choose-device' }> | null;
  /** The session's ticket (AI-3 transcript ticket, or one it escalated to). */
  ticket: { id: string; number: number; title: string; status: string } | null;
}
