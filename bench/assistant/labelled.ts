import type { AssistantAction, AssistantIntent } from '@porta/contracts/assistant';
import type { Language } from '@porta/contracts/common';

/** The hard case a labelled message exercises (issue 13 item 7). */
export type Kind =
  | 'plain'
  | 'negation'
  | 'confusable'
  | 'symptom-request'
  | 'separable-verb'
  | 'english-word'
  | 'no-accents'
  | 'typo'
  | 'damage'
  | 'person'
  | 'ticket-status'
  | 'install'
  | 'out-of-catalogue'
  | 'injection'
  | 'kb'
  | 'greeting'
  | 'device';

/**
 * One labelled message: the expected reading. `expect` is `intent`, `intent:action`,
 * `install:<starter key>` or `install:null`, `ticket:<reason>`. `article`: for kb questions, the
 * English title of the demo article (apps/server/src/demo/demo-kb.ts) that answers it, if one does.
 * `device`: the device of the test world the message names ('laptop' | 'desktop').
 */
export interface Labelled {
  lang: Language;
  text: string;
  expect: string;
  kind: Kind;
  article?: string;
  device?: 'laptop' | 'desktop';
}

export interface Expected {
  intent: AssistantIntent;
  action?: AssistantAction;
  packageKey?: string | null;
  reason?: 'person' | 'damage' | 'other';
}

export function parseExpect(expect: string): Expected {
  const [intent, detail] = expect.split(':') as [AssistantIntent, string | undefined];
  if (intent === 'action') return { intent, action: detail as AssistantAction };
  if (intent === 'install') return { intent, packageKey: detail === 'null' || detail === undefined ? null : detail };
  if (intent === 'ticket') return { intent, reason: (detail ?? 'other') as Expected['reason'] };
  return { intent };
}

/** Shorthand for writing a language's set. */
export const set =
  (lang: Language) =>
  (text: string, expect: string, kind: Kind, extra: { article?: string; device?: 'laptop' | 'desktop' } = {}): Labelled => ({ lang, text, expect, kind, ...extra });
