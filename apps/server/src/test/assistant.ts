import type { AssistantAnswer } from '@porta/contracts/assistant';
import { isLanguage } from '@porta/i18n/languages';
import { loadContactPrincipal } from './assistant-principal.ts';
import type { Client } from './client.ts';
import type { SelfServiceWorld } from './self-service.ts';
import { callerOf, type AssistantCaller } from '../features/assistant/assistant.policy.ts';
import { renderTranscript } from '../features/assistant/transcript.ts';
import type { ToolContext } from '../features/assistant/tools/tool.types.ts';

/** Sets the Assistant section (AI-2) and, optionally, its options, as the tenant's admin would. */
export async function setAssistant(admin: Client, mode: 'off' | 'all' | 'selected', options: Record<string, unknown> = {}, customerIds: string[] = []): Promise<void> {
  const res = await admin.patch('/api/v1/settings/portal', { sections: { assistant: { mode, customerIds } }, ...(Object.keys(options).length > 0 && { assistant: options }) });
  if (res.statusCode !== 200) throw new Error(`portal settings not saved: ${res.statusCode} ${res.body}`);
}

export async function ask(c: Client, text: string, sessionId?: string): Promise<AssistantAnswer> {
  const res = await c.post('/api/v1/portal/assistant/messages', { text, ...(sessionId && { sessionId }) });
  if (res.statusCode !== 200) throw new Error(`assistant answered ${res.statusCode} ${res.body}`);
  return res.json<AssistantAnswer>();
}

/** The tools' context for a contact as a request would build it (settings read now), for dispatch tests given an Understanding. */
export async function toolContextOf(w: SelfServiceWorld, contactId: string): Promise<ToolContext> {
  const principal = await loadContactPrincipal(w.t.ctx, w.fx.tenant.id, contactId);
  const caller: AssistantCaller | null = callerOf(principal, 'en');
  if (!caller) throw new Error('assistant section is off for this contact');
  if (!isLanguage(caller.language)) throw new Error('bad language');
  return { ctx: w.t.ctx, caller, transcript: async () => renderTranscript(caller.language, []) };
}
