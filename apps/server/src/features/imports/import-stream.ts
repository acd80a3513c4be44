import type { ServerResponse } from 'node:http';
import type { ImportReport, ImportStreamLine } from '@porta/contracts/imports';
import type { Language } from '@porta/contracts/common';
import { translate } from '@porta/i18n/translate';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { Progress } from './apply.ts';

export function wantsStream(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').includes('application/x-ndjson');
}

/**
 * A real run's progress as `application/x-ndjson` lines (the console's progress bar). Whatever
 * fails before the first row is written (the file, the mapping, rows with errors) is answered
 * like every other error; the stream starts with the first progress line, and once it has started a
 * failure (the transaction rolled back) is its last line.
 */
export async function streamImport(req: FastifyRequest, reply: FastifyReply, lang: Language, run: (progress: Progress) => Promise<ImportReport>): Promise<void> {
  let res: ServerResponse | undefined;
  const write = (line: ImportStreamLine) => {
    if (!res) {
      reply.hijack();
      res = reply.raw;
      res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-accel-buffering': 'no' });
    }
    res.write(`${JSON.stringify(line)}\n`);
  };
  try {
    const report = await run((done, total) => write({ type: 'progress', done, total }));
    write({ type: 'result', report });
  } catch (err) {
    if (!res) throw err;
    if (!(err instanceof AppError)) req.log.error({ err }, 'import failed');
    const code = err instanceof AppError ? err.code : 'INTERNAL';
    write({ type: 'error', code, message: translate(lang, 'errors', code, err instanceof AppError ? { ...err.params } : {}) });
  }
  res?.end();
}
