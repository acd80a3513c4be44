import type { AssistantAnswer } from '@porta/contracts/assistant';
import { type PortalMe, portalMeSchema } from '@porta/contracts/portal';
import { ApiError, parseErrorBody } from '../../lib/api-error';
import { currentLanguage, i18next } from '../../lib/i18n';
import { PORTAL_ME_KEY, queryClient } from '../../lib/query-client';
import { AnswerStreamError, readAssistantAnswer } from './answer-stream';

export const MESSAGES_PATH = '/api/v1/portal/assistant/messages';

export interface SendInput {
  sessionId?: string;
  text: string;
}

const networkError = () => new ApiError({ status: 0, code: 'NETWORK', message: i18next.t('common:errors.network'), area: 'portal' });

function post(body: SendInput, csrfToken: string | undefined, signal: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = {
    // The stream first; a server (or proxy) that cannot stream answers the same POST as JSON.
    Accept: 'text/event-stream, application/json;q=0.9',
    'Accept-Language': currentLanguage(),
    'Content-Type': 'application/json',
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  return fetch(MESSAGES_PATH, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin', signal });
}

/** The session's CSRF token read again (the server refused the one in the cache). */
async function freshCsrfToken(): Promise<string | undefined> {
  const response = await fetch('/api/v1/portal/me', { headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() }, credentials: 'same-origin' });
  if (!response.ok) return undefined;
  const parsed = portalMeSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return undefined;
  queryClient.setQueryData(PORTAL_ME_KEY, parsed.data);
  return parsed.data.csrfToken;
}

async function errorOf(response: Response): Promise<ApiError> {
  const parsed = parseErrorBody(await response.json().catch(() => undefined));
  if (!parsed) return new ApiError({ status: response.status, code: response.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', message: i18next.t('common:errors.unexpected'), area: 'portal' });
  if (parsed.code === 'UNAUTHENTICATED') queryClient.setQueryData(PORTAL_ME_KEY, null);
  return new ApiError({ status: response.status, code: parsed.code, message: parsed.message, area: 'portal' });
}

/**
 * AI-1, issue 13 item 6: sends the contact's message (with the session's CSRF token, read
 * again once if refused) and reads the reply as it streams (answer-stream.ts), handing each
 * piece of text to `onDelta`. Rejects with an ApiError whose message is localised.
 */
export async function sendAssistantMessage(input: SendInput, onDelta: (text: string) => void, signal: AbortSignal): Promise<AssistantAnswer> {
  let response: Response;
  try {
    response = await post(input, queryClient.getQueryData<PortalMe | null>(PORTAL_ME_KEY)?.csrfToken, signal);
    if (response.status === 403) {
      const refusal = parseErrorBody(await response.clone().json().catch(() => undefined));
      if (refusal?.code === 'CSRF_INVALID') response = await post(input, await freshCsrfToken(), signal);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    throw networkError();
  }
  if (!response.ok) throw await errorOf(response);
  try {
    return await readAssistantAnswer(response, onDelta);
  } catch (error) {
    if (signal.aborted || !(error instanceof AnswerStreamError)) throw error;
    if (error.kind === 'cut') throw networkError();
    if (error.kind === 'server') throw new ApiError({ status: response.status, code: error.code ?? 'INTERNAL', message: error.serverMessage ?? i18next.t('common:errors.unexpected'), area: 'portal' });
    throw new ApiError({ status: response.status, code: 'BAD_RESPONSE', message: i18next.t('common:errors.unexpected'), area: 'portal' });
  }
}
