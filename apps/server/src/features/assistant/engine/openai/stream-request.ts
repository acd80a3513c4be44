import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { checkOutboundUrl, guardedLookup } from '../../../../platform/net/outbound-guard.ts';

/** The model answered something else than a stream of completions (status, size, time). */
export class ModelFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFailure';
  }
}

export interface StreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  /** The whole answer, first byte to last. */
  timeoutMs: number;
}

const MAX_STREAM = 1024 * 1024;

/**
 * POSTs through the outbound guard (the tenant typed this URL: private addresses refused at
 * connect time unless the operator allows them) and yields each server-sent event's `data:`
 * payload as it arrives, until `[DONE]`. Any other status, more than 1 MiB or the time limit
 * ends it with a ModelFailure.
 */
export async function* postEventStream(req: StreamRequest): AsyncGenerator<string> {
  const url = checkOutboundUrl(req.url, req.allowPrivate);
  const lib = url.protocol === 'https:' ? https : http;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutMs);
  try {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const r = lib.request(
        url,
        { method: 'POST', headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) }, lookup: guardedLookup(req.allowPrivate), signal: controller.signal },
        resolve,
      );
      r.on('error', reject);
      r.end(req.body);
    });
    if (res.statusCode !== 200) {
      res.resume();
      throw new ModelFailure(`model answered HTTP ${res.statusCode ?? 0}`);
    }
    let buf = '';
    let size = 0;
    for await (const chunk of res as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_STREAM) throw new ModelFailure('model answer too large');
      buf += chunk.toString('utf8');
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        if (line.startsWith('data:')) {
          const data = line.slice(5).trim();
          if (data === '[DONE]') return;
          yield data;
        }
        nl = buf.indexOf('\n');
      }
    }
    throw new ModelFailure('model stream ended without [DONE]');
  } catch (err) {
    if (controller.signal.aborted) throw new ModelFailure('model timed out');
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
