import { idParamsSchema } from '@porta/contracts/common';
import type { AppContext } from '../../platform/context.ts';
import { contactOf, technicianOf } from '../../platform/auth/guard.ts';
import { isLiveEvent, type LiveEvent } from '../../platform/events/bus.ts';
import { type Outgoing, streamEvents } from '../../platform/http/event-stream.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { portalTicketSettings } from './portal-tickets.policy.ts';
import { readableTicket } from './portal-tickets.service.ts';

const ticketEvent = (e: LiveEvent): Outgoing => ({ event: e.topic, data: { ticketId: e.ticketId } });

/**
 * What every contact of the tenant may see or do has changed (portal settings, custom fields: T-6):
 * the portal refetches the ticket, the list and the form, so a newly hidden field disappears.
 */
const PORTAL_CHANGED: Outgoing = { event: 'portal.changed', data: {} };

export function ticketEventRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/tickets/events', { config: { access: 'technician' }, schema: { tags: ['tickets'], produces: ['text/event-stream'] } }, async (req, reply) => {
    const tenantId = technicianOf(req).tenantId;
    streamEvents(ctx, req, reply, (m) => (isLiveEvent(m) && m.tenantId === tenantId ? ticketEvent(m) : null));
  });

  app.get(
    '/api/v1/portal/tickets/:id/events',
    { config: { access: 'contact' }, schema: { tags: ['portal'], params: idParamsSchema, produces: ['text/event-stream'] } },
    async (req, reply) => {
      const contact = contactOf(req);
      const ticket = await readableTicket(ctx, contact, portalTicketSettings(contact), req.params.id);
      streamEvents(ctx, req, reply, (m) => {
        if (m.topic === 'tenants.changed' || m.topic === 'tls.changed' || m.tenantId !== contact.tenantId) return null;
        // subjectId null: a tenant-wide change (portal settings, custom fields; a security setting costs a harmless refetch).
        if (m.topic === 'sessions.changed') return m.subjectId === null ? PORTAL_CHANGED : null;
        return isLiveEvent(m) && m.ticketId === ticket.id && !m.internal ? ticketEvent(m) : null;
      });
    },
  );
}
