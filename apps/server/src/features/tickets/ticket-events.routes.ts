import { idParamsSchema } from '@porta/contracts/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { contactOf, technicianOf } from '../../platform/auth/guard.ts';
import { type BusMessage, isLiveEvent, type LiveEvent } from '../../platform/events/bus.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { portalTicketSettings } from './portal-tickets.policy.ts';
import { readableTicket } from './portal-tickets.service.ts';

const PING_MS = 25_000;

/** One server-sent event: a name and ids only. */
interface Outgoing {
  event: string;
  data: Record<string, string>;
}

const ticketEvent = (e: LiveEvent): Outgoing => ({ event: e.topic, data: { ticketId: e.ticketId } });

/**
 * What every contact of the tenant may see or do has changed (portal settings, custom fields: T-6):
 * the portal refetches the ticket, the list and the form, so a newly hidden field disappears.
 */
const PORTAL_CHANGED: Outgoing = { event: 'portal.changed', data: {} };

/**
 * Server-sent events: each message names a changed ticket (or says the portal's rules
 * changed), and the browser refetches through the API, so every read rule applies to live
 * updates as to any read (T-6, T-10). `select` picks the bus messages this stream sends.
 */
function stream(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, select: (m: BusMessage) => Outgoing | null): void {
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

export function ticketEventRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/tickets/events', { config: { access: 'technician' }, schema: { tags: ['tickets'], produces: ['text/event-stream'] } }, async (req, reply) => {
    const tenantId = technicianOf(req).tenantId;
    stream(ctx, req, reply, (m) => (isLiveEvent(m) && m.tenantId === tenantId ? ticketEvent(m) : null));
  });

  app.get(
    '/api/v1/portal/tickets/:id/events',
    { config: { access: 'contact' }, schema: { tags: ['portal'], params: idParamsSchema, produces: ['text/event-stream'] } },
    async (req, reply) => {
      const contact = contactOf(req);
      const ticket = await readableTicket(ctx, contact, portalTicketSettings(contact), req.params.id);
      stream(ctx, req, reply, (m) => {
        if (m.topic === 'tenants.changed' || m.tenantId !== contact.tenantId) return null;
        // subjectId null: a tenant-wide change (portal settings, custom fields; a security setting costs a harmless refetch).
        if (m.topic === 'sessions.changed') return m.subjectId === null ? PORTAL_CHANGED : null;
        return isLiveEvent(m) && m.ticketId === ticket.id && !m.internal ? ticketEvent(m) : null;
      });
    },
  );
}
