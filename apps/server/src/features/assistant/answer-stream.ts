import { translate } from '@porta/i18n/translate';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { startEventStream } from '../../platform/http/event-stream.ts';

export interface AnswerStream {
  send(event: 'delta' | 'done', data: unknown): void;
  fail(err: unknown): void;
  end(): void;
}

/**
 * AI-1: the answer as server-sent events: `delta` {text} pieces of the reply as they come,
 * then one `done` holding the whole AssistantAnswer (its `reply` is authoritative: the portal
 * replaces what the deltas drew), or `error` {code, message} in the contact's language.
 */
export function openAnswerStream(req: FastifyRequest, reply: FastifyReply): AnswerStream {
  const res = startEventStream(reply);
  const write = (event: string, data: unknown) => {
    if (!res.writableEnded && !res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  return {
    send: write,
    fail(err) {
      if (err instanceof AppError) {
        write('error', { code: err.code, message: translate(req.lang, 'errors', err.code, err.params) });
        return;
      }
      req.log.error({ err }, 'assistant stream failed');
      write('error', { code: 'INTERNAL', message: translate(req.lang, 'errors', 'INTERNAL') });
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}
