import { type AssistantAnswer, assistantAnswerSchema, assistantStreamDeltaSchema } from '@porta/contracts/assistant';
import { type PortalMe, portalMeSchema } from '@porta/contracts/portal';
import { ApiError, parseErrorBody } from '../../lib/api-error';
import { currentLanguage, i18next } from '../../lib/i18n';
import { PORTAL_ME_KEY, queryClient } from '../../lib/query-client';
import { SseParser } from './sse';

export const MESSAGES_PATH = '/api/v1/portal/assistant/messages';

export interface SendInput {
  sessionId?: string;
  text: string;
}

const networkError = () => new ApiError({ status: 0, code: 'NETWORK', message: i18next.t('common:errors.network'), area: 'portal' });
const badResponse = () => new ApiError({ status: 200, code: 'BAD_RESPONSE', message: i18next.t('common:errors.unexpected'), area: 'portal' });

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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * AI-1, issue 13 item 6: sends the contact's message and reads the reply as it streams
 * (`delta` events `{text}`, then `done` with the whole AssistantAnswer, or `error`
 * `{code, message}`), handing each piece of text to `onDelta`. A JSON answer (no streaming on
 * the way) is taken as the whole answer at once. Rejects with an ApiError (localised message).
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

  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream') || !response.body) {
    const parsed = assistantAnswerSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw badResponse();
    onDelta(parsed.data.reply);
    return parsed.data;
  }

  const parser = new SseParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<string>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (signal.aborted) throw error;
        throw networkError();
      }
      for (const event of chunk.done ? parser.end() : parser.push(chunk.value)) {
        const data = parseJson(event.data);
        if (event.event === 'delta') {
          const delta = assistantStreamDeltaSchema.safeParse(data);
          if (delta.success) onDelta(delta.data.text);
        } else if (event.event === 'done') {
          const answer = assistantAnswerSchema.safeParse(data);
          if (!answer.success) throw badResponse();
          return answer.data;
        } else if (event.event === 'error') {
          const error = parseErrorBody({ error: data });
          throw new ApiError({ status: 200, code: error?.code ?? 'INTERNAL', message: error?.message ?? i18next.t('common:errors.unexpected'), area: 'portal' });
        }
      }
      // The stream closed without its `done` event: the answer was cut off.
      if (chunk.done) throw networkError();
    }
  } finally {
    // Read to its end, or left early (done, error, aborted): either way nothing more is wanted.
    void reader.cancel().catch(() => undefined);
  }
}
