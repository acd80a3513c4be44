import { isLanguage } from '@porta/i18n/languages';
import type { AppContext } from '../../platform/context.ts';
import type { AgentCommandChanged, SelfServiceRequestChanged } from '../../platform/events/bus.ts';
import { readStoredSettings } from '../portal-settings/portal-settings.repo.ts';
import { resolvePortalSettings } from '../portal-settings/portal-settings.model.ts';
import { listMessages, sessionsWithRequest } from './assistant.repo.ts';
import { refreshCards, syncTranscriptTicket } from './transcript.ts';

/**
 * AI-3 "every action with its result": a command's result usually arrives after the chat's
 * last message, so each change of a self-service command rewrites the transcript ticket of the
 * sessions whose card asked for it (when the tenant has "assistant creates a ticket" on).
 * Every node hears every change; the rewrite is idempotent (same text → no write).
 */
export function followActionResults(ctx: AppContext, onError: (err: unknown) => void): () => void {
  return ctx.bus.subscribe((m) => {
    // Command changes, and (issue 13 item 5) a request approved, denied or confirmed before any command.
    if ((m.topic !== 'agent-command.changed' && m.topic !== 'self-service.request.changed') || m.actionId === null) return;
    void follow(ctx, m).catch(onError);
  });
}

async function follow(ctx: AppContext, m: AgentCommandChanged | SelfServiceRequestChanged): Promise<void> {
  if (!m.actionId) return;
  const settings = resolvePortalSettings(await readStoredSettings(ctx.db, m.tenantId));
  if (!settings.assistant.createsTicket) return;
  for (const s of await sessionsWithRequest(ctx.db, m.tenantId, m.actionId)) {
    if (!s.ticket_id) continue;
    const owner = {
      tenantId: m.tenantId,
      language: isLanguage(s.language) ? s.language : 'en',
      contact: { id: s.contact_id, customerId: s.customer_id, firstName: s.first_name, lastName: s.last_name },
    } as const;
    const messages = await refreshCards(ctx, owner, await listMessages(ctx.db, m.tenantId, s.id));
    await syncTranscriptTicket(ctx, owner, s, messages);
  }
}
