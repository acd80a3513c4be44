import { idParamsSchema } from '@porta/contracts/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { contactOf, technicianOf } from '../../platform/auth/guard.ts';
import type { BusMessage, LiveEvent } from '../../platform/events/bus.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { portalTicketSettings } from './portal-tickets.policy.ts';
import { readableTicket } from './portal-tickets.service.ts';

const PING_MS = 25_000;

/**
 * Server-sent events: each message names a changed ticket, and the browser refetches it
 * through the API, so every read rule applies to live updates as to any read (T-6, T-10).
 */
function stream(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, accept: (e: LiveEvent) => boolean): void {
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
    if (m.topic === 'sessions.changed') return;
    const e = m;
    if (accept(e)) res.write(`event: ${e.topic}\ndata: ${JSON.stringify({ ticketId: e.ticketId })}\n\n`);
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
    stream(ctx, req, reply, (e) => e.tenantId === tenantId);
  });

  app.get(
    '/api/v1/portal/tickets/:id/events',
    { config: { access: 'contact' }, schema: { tags: ['portal'], params: idParamsSchema, produces: ['text/event-stream'] } },
    async (req, reply) => {
      const contact = contactOf(req);
      const ticket = await readableTicket(ctx, contact, portalTicketSettings(contact), req.params.id);
      stream(ctx, req, reply, (e) => e.tenantId === contact.tenantId && e.ticketId === ticket.id && !e.internal);
    },
  );
}
