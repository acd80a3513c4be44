import { type AssistantSession, assistantSessionListSchema, assistantSessionSchema } from '@porta/contracts/assistant';
import { useQuery } from '@tanstack/react-query';
import { portalApi } from '../../lib/api-clients';

export const ASSISTANT_KEY = ['portal', 'assistant'] as const;
export const sessionsKey = [...ASSISTANT_KEY, 'sessions'] as const;
export const sessionKey = (id: string) => [...ASSISTANT_KEY, 'session', id] as const;

/** AI-1: the contact's own past conversations, newest first. */
export function useAssistantSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => portalApi.get('/api/v1/portal/assistant/sessions', assistantSessionListSchema) });
}

/** One conversation with its messages (another contact's is a 404, like one that does not exist). */
export function useAssistantSession(id: string | null) {
  return useQuery<AssistantSession>({
    queryKey: sessionKey(id ?? ''),
    queryFn: () => portalApi.get(`/api/v1/portal/assistant/sessions/${encodeURIComponent(id ?? '')}`, assistantSessionSchema),
    enabled: id !== null,
  });
}
