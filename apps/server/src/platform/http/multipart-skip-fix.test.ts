import type { AddressInfo } from 'node:net';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMultipartSkipFix } from './multipart-skip-fix.ts';

/**
 * #10: bodies whose skipped parts (no Content-Disposition, or not form-data) outgrow busboy's
 * 16 KiB part buffer in one write used to leave `request.parts()` waiting forever. Each must be
 * answered, through app.inject (one chunk) and over a real socket. Without the mend every case
 * below but the control never answers.
 */
applyMultipartSkipFix();
const app = Fastify();
await app.register(multipart, { limits: { files: 1, fields: 5, parts: 6 } });
app.post('/upload', async (req) => {
  const seen: string[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        let bytes = 0;
        for await (const chunk of part.file) bytes += (chunk as Buffer).length;
        seen.push(`file:${part.fieldname}:${bytes}`);
      } else seen.push(`field:${part.fieldname}`);
    }
  } catch (err) {
    return { error: (err as Error).message, seen };
  }
  return { seen };
});
let base = '';
beforeAll(async () => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(() => app.close());

const x = (n: number) => 'x'.repeat(n);
const cases: [string, string, string[]][] = [
  ['a 16 KB part without headers (control: fits the buffer)', `--b\r\n\r\n${x(16_000)}\r\n--b--\r\n`, []],
  ['a 17 KB part without headers', `--b\r\n\r\n${x(17_000)}\r\n--b--\r\n`, []],
  ['a 900 KB part without headers', `--b\r\n\r\n${x(900_000)}\r\n--b--\r\n`, []],
  ['a 70 KB attachment-disposition part', `--b\r\nContent-Disposition: attachment\r\n\r\n${x(70_000)}\r\n--b--\r\n`, []],
  ['a skipped 70 KB part, then a file', `--b\r\n\r\n${x(70_000)}\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n${x(70_000)}\r\n--b--\r\n`, ['file:file:70000']],
  ['the fuzz suite’s find: junk, a skipped part, a truncated header', `${x(10)}--b--\r\n\r\n--b\r\n\r\n\r\n${x(70_000)}\r\n--b\r\n--b--\r\n`, []],
];
const headers = { 'content-type': 'multipart/form-data; boundary=b' };

/** Resolves with the answer, or with 'never answered' after a generous wait. */
function answered<T>(pending: Promise<T>): Promise<T | 'never answered'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'never answered'>((resolve) => (timer = setTimeout(() => resolve('never answered'), 10_000)));
  return Promise.race([pending, late]).finally(() => clearTimeout(timer));
}

describe('multipart bodies with large skipped parts are answered (#10)', () => {
  it.each(cases)('%s, through app.inject', async (_name, body, seen) => {
    const res = await answered(app.inject({ method: 'POST', url: '/upload', payload: Buffer.from(body), headers }));
    expect(res).not.toBe('never answered');
    if (res === 'never answered') return;
    expect(res.statusCode).toBe(200);
    expect(res.json<{ seen: string[] }>().seen).toEqual(seen);
  });

  it.each(cases)('%s, over a socket', async (_name, body, seen) => {
    const res = await answered(fetch(`${base}/upload`, { method: 'POST', body, headers }));
    expect(res).not.toBe('never answered');
    if (res === 'never answered') return;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { seen: string[] }).seen).toEqual(seen);
  });
});
