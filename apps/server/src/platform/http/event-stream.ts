import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { BusMessage } from '../events/bus.ts';

const PING_MS = 25_000;

/** One server-sent event: a name and ids only. */
export interface Outgoing {
  event: string;
  data: Record<string, string>;
}

/**
 * The one live-update mechanism (T-10, SS-7): a `text/event-stream` answer fed by the event
 * bus (LISTEN/NOTIFY on PostgreSQL, in-process on PGlite). Each message names what changed
 * and the browser refetches it through the API, so every read rule applies to live updates as
 * to any read. `select` picks the bus messages this stream sends (and to whom: it runs with
 * the subscriber's identity in its closure), answering null for everything else.
 */
export function streamEvents(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, select: (m: BusMessage) => Outgoing | null): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  res.write('retry: 3000\nevent: ready\ndata: {}\n\n');
  const unsubscribe = ctx.bus.subscribe((m: BusMessage) => {
    const out = select(m);
    if (out) res.write(`event: ${out.event}\ndata: ${JSON.stringify(out.data)}\n\n`);
  });
  const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
  const stop = () => {
    clearInterval(ping);
    unsubscribe();
  };
  req.raw.on('close', stop);
  res.on('close', stop);
}
