import type { Readable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Client } from './client.ts';

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An open `text/event-stream` answer (live updates, T-10), read as it arrives. Unlike the
 * client's `settle()`, which reads the first event and closes, this one stays open until
 * `close()`, so a test can act and then wait for the event its action should (or should not) cause.
 */
export interface EventStream {
  statusCode: number;
  headers: LightMyRequestResponse['headers'];
  /** Every event received so far, in order (comments and `retry:` lines left out). */
  events: SseEvent[];
  /** Everything received so far, as text (for an error answer: its JSON body). */
  readonly text: string;
  /** The first event named `name` whose data passes `match`, received so far or within `timeoutMs`; rejects after that. */
  waitFor(name: string, match?: (data: unknown) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  ended(timeoutMs?: number): Promise<void>;
  /** Closes the stream as a browser leaving the page would. */
  close(): void;
}

const DEFAULT_WAIT_MS = 5_000;

function parseBlock(block: string): SseEvent | null {
  let event = 'message';
  const data: string[] = [];
  let sawField = false;
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      event = value;
      sawField = true;
    } else if (field === 'data') {
      data.push(value);
      sawField = true;
    }
  }
  return sawField ? { event, data: data.join('\n') } : null;
}

function parsed(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/**
 * Opens an event stream as `c` (its Host, cookie and IP) on `app`. Answers once the headers
 * are in; for a 200 it also waits for the server's first (`ready`) event, so that anything the
 * test does afterwards happens while the stream is subscribed. Other statuses are read to the end.
 */
export async function openEventStream(app: FastifyInstance, c: Client, url: string, extra: Record<string, string> = {}): Promise<EventStream> {
  const headers: Record<string, string> = { host: c.host, accept: 'text/event-stream', ...extra };
  if (c.cookie) headers.cookie = c.cookie;
  const res = await app.inject({ method: 'GET', url, headers, remoteAddress: c.ip, payloadAsStream: true });
  const stream: Readable = res.stream();
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let text = '';
  let ended = false;
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    buffer += chunk.toString('utf8').replace(/\r\n?/g, '\n');
    let cut = buffer.indexOf('\n\n');
    while (cut !== -1) {
      const e = parseBlock(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
      if (e) events.push(e);
      cut = buffer.indexOf('\n\n');
    }
    for (const w of [...waiters]) w();
  });
  const onEnd = () => {
    ended = true;
    for (const w of [...waiters]) w();
  };
  stream.on('end', onEnd);
  stream.on('error', onEnd);

  const es: EventStream = {
    statusCode: res.statusCode,
    headers: res.headers,
    events,
    get text() {
      return text;
    },
    waitFor(name, match = () => true, timeoutMs = DEFAULT_WAIT_MS) {
      return new Promise<SseEvent>((resolve, reject) => {
        const check = () => {
          const found = events.find((e) => e.event === name && match(parsed(e.data)));
          if (found) {
            done();
            resolve(found);
          } else if (ended) {
            done();
            reject(new Error(`event stream ${url} ended without a "${name}" event (got: ${events.map((e) => e.event).join(', ') || 'none'})`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no "${name}" event on ${url} within ${timeoutMs} ms (got: ${events.map((e) => `${e.event} ${e.data}`).join('; ') || 'none'})`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    ended(timeoutMs = DEFAULT_WAIT_MS) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`event stream ${url} still open after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (!ended) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      res.raw.res.destroy();
    },
  };
  if (res.statusCode === 200) {
    try {
      await es.waitFor('ready');
    } catch (err) {
      es.close();
      throw err;
    }
  } else {
    await new Promise<void>((resolve) => {
      if (ended) resolve();
      else waiters.add(() => ended && resolve());
    });
  }
  return es;
}

/** The `ticketId` an event names. */
export function ticketIdOf(data: unknown): string | undefined {
  return typeof data === 'object' && data !== null && 'ticketId' in data ? String((data as { ticketId: unknown }).ticketId) : undefined;
}

/** A `waitFor` match for events about one ticket. */
export const aboutTicket = (id: string) => (data: unknown) => ticketIdOf(data) === id;
