import type { FastifyReply, FastifyRequest } from 'fastify';
import { isExpired } from '../auth/sessions.ts';
import type { Principal } from '../auth/principal.ts';
import type { AppContext } from '../context.ts';
import type { BusMessage } from '../events/bus.ts';
import { countStream } from '../metrics/live-sources.ts';

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
/** Takes the answer over from Fastify and sends the headers of a `text/event-stream` that no cache or proxy holds back. */
export function startEventStream(reply: FastifyReply): FastifyReply['raw'] {
  reply.hijack();
  const res = reply.raw;
  countStream(res);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  return res;
}

/** The stream's session still exists and has not expired, or its API key is not revoked. */
async function sessionStillValid(ctx: AppContext, p: Principal): Promise<boolean> {
  if (p.kind === 'technician' && p.apiKeyId) {
    const key = await ctx.db.selectFrom('api_keys').select('id').where('tenant_id', '=', p.tenantId).where('id', '=', p.apiKeyId).where('revoked_at', 'is', null).executeTakeFirst();
    return key !== undefined;
  }
  if (!p.sessionId) return true;
  const row = await ctx.db.selectFrom('sessions').select(['id', 'last_seen_at', 'expires_at']).where('tenant_id', '=', p.tenantId).where('id', '=', p.sessionId).executeTakeFirst();
  return row !== undefined && !isExpired(ctx, row);
}

/**
 * A stream outlives no sign-out: when the subscriber's sessions change (sign-out everywhere,
 * password change, deletion) it ends with `signed-out` if the session is gone, or simply ends
 * so the browser reconnects with its identity read afresh (a changed role or customer); a
 * tenant-wide change and every ping re-check the session (expiry deletes without a message).
 */
export function streamEvents(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, select: (m: BusMessage) => Outgoing | null): void {
  const res = startEventStream(reply);
  res.write('retry: 3000\nevent: ready\ndata: {}\n\n');
  const principal = req.principal;
  let ended = false;
  const end = (signedOut: boolean) => {
    if (ended) return;
    ended = true;
    stop();
    if (signedOut) res.write('event: signed-out\ndata: {}\n\n');
    res.end();
  };
  const recheck = (always: boolean) => {
    if (!principal) return;
    void sessionStillValid(ctx, principal).then(
      (valid) => (!valid || always ? end(!valid) : undefined),
      () => undefined,
    );
  };
  const unsubscribe = ctx.bus.subscribe((m: BusMessage) => {
    if (ended) return;
    const out = select(m);
    if (out) res.write(`event: ${out.event}\ndata: ${JSON.stringify(out.data)}\n\n`);
    if (m.topic === 'sessions.changed' && principal && m.tenantId === principal.tenantId && (m.subjectId === null || m.subjectId === principal.id)) recheck(m.subjectId !== null);
  });
  const ping = setInterval(() => {
    res.write(': ping\n\n');
    recheck(false);
  }, PING_MS);
  const stop = () => {
    clearInterval(ping);
    unsubscribe();
  };
  req.raw.on('close', stop);
  res.on('close', stop);
}
