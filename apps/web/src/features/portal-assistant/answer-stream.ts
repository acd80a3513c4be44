import { type AssistantAnswer, assistantAnswerSchema, assistantStreamDeltaSchema } from '@porta/contracts/assistant';
import { SseParser } from './sse';

/**
 * Why an answer could not be read: `cut` (the stream ended, or broke, before its `done`),
 * `malformed` (an answer not of the contract's shape), or `server` (the stream's own `error`
 * event, with the server's code and localised message).
 */
export class AnswerStreamError extends Error {
  constructor(
    readonly kind: 'cut' | 'malformed' | 'server',
    readonly code?: string,
    /** The server's localised message (kind `server`). */
    readonly serverMessage?: string,
  ) {
    super(serverMessage ?? kind);
    this.name = 'AnswerStreamError';
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Reads a successful answer to `POST /api/v1/portal/assistant/messages` (contracts/assistant.ts):
 * a `text/event-stream` of `delta` events `{text}` (each handed to `onDelta` as it arrives),
 * then one `done` with the whole AssistantAnswer, or an `error` `{code, message}`; any other
 * type is taken as the JSON AssistantAnswer (no streaming on the way), its reply one delta.
 */
export async function readAssistantAnswer(response: Response, onDelta: (text: string) => void): Promise<AssistantAnswer> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream') || !response.body) {
    const parsed = assistantAnswerSchema.safeParse(parseJson(await response.text().catch(() => '')));
    if (!parsed.success) throw new AnswerStreamError('malformed');
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
      } catch {
        throw new AnswerStreamError('cut');
      }
      for (const event of chunk.done ? parser.end() : parser.push(chunk.value)) {
        const data = parseJson(event.data);
        if (event.event === 'delta') {
          const delta = assistantStreamDeltaSchema.safeParse(data);
          if (delta.success) onDelta(delta.data.text);
        } else if (event.event === 'done') {
          const answer = assistantAnswerSchema.safeParse(data);
          if (!answer.success) throw new AnswerStreamError('malformed');
          return answer.data;
        } else if (event.event === 'error') {
          const code = isRecord(data) && typeof data.code === 'string' ? data.code : undefined;
          const message = isRecord(data) && typeof data.message === 'string' ? data.message : undefined;
          throw new AnswerStreamError('server', code, message);
        }
      }
      if (chunk.done) throw new AnswerStreamError('cut');
    }
  } finally {
    // Read to its end, or left early (done, error): either way nothing more is wanted.
    void reader.cancel().catch(() => undefined);
  }
}
