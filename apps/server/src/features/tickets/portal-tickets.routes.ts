import {
  attachmentSchema,
  commentSchema,
  portalCommentCreateSchema,
  portalTicketCreateSchema,
  portalTicketDetailSchema,
  portalTicketFormSchema,
  portalTicketListQuerySchema,
  portalTicketUpdateSchema,
  ticketPageSchema,
} from '@porta/contracts/tickets';
import { idParamsSchema } from '@porta/contracts/common';
import type { FastifyRequest } from 'fastify';
import type { PortalSettings } from '@porta/contracts/portal-settings';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { contactOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { AppError } from '../../platform/errors.ts';
import { receiveAttachment, sendAttachment } from './attachments.service.ts';
import { manualTicketsDisabled } from '../portal-settings/portal-settings.model.ts';
import { portalTicketSettings } from './portal-tickets.policy.ts';
import * as portal from './portal-tickets.service.ts';
import { portalTicketForm } from './portal-ticket-form.ts';
import { forPortal, presentAttachment, presentComment, presentDetail } from './tickets.presenter.ts';
import { ticketPageBody } from './ticket-summary-json.ts';
import { sendJson } from '../../platform/http/json-text.ts';
import * as repo from './tickets.repo.ts';
import { searchRateLimit, uploadRateLimit } from '../../platform/http/rate-limits.ts';

const contactAccess = { access: 'contact' } as const;
const tags = ['portal'];
const attachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });
const url = (id: string) => `/api/v1/portal/tickets/${id}`;

/** T-1, A-5: the contact's tickets. Every answer passes the section check (T-2) and field visibility (T-6). */
export function portalTicketRoutes(app: ZodApp, ctx: AppContext): void {
  const scope = (req: FastifyRequest) => {
    const contact = contactOf(req);
    return { contact, settings: portalTicketSettings(contact) };
  };
  const present = ({ parts, permissions }: Awaited<ReturnType<typeof portal.detailForContact>>, settings: PortalSettings) => ({
    ...forPortal(presentDetail(parts, url(parts.ticket.id)), settings),
    permissions,
  });
  const detail = async (req: FastifyRequest, id: string) => {
    const { contact, settings } = scope(req);
    return present(await portal.detailForContact(ctx, contact, settings, id), settings);
  };

  app.get('/api/v1/portal/ticket-form', { config: contactAccess, schema: { tags, response: { 200: portalTicketFormSchema } } }, async (req) => {
    const { contact, settings } = scope(req);
    return portalTicketForm(ctx, contact.tenantId, settings);
  });

  // The answer is JSON text around items PostgreSQL wrote, hidden fields already left out (ticket-summary-json.ts); the schema documents it.
  const listRoute = { config: { ...contactAccess, rateLimit: searchRateLimit(ctx.config) }, schema: { tags, querystring: portalTicketListQuerySchema, response: { 200: ticketPageSchema } } };
  app.get('/api/v1/portal/tickets', listRoute, async (req, reply) => {
    const { contact, settings } = scope(req);
    const page = await portal.listForContact(ctx, contact, settings, req.query);
    return sendJson(reply, ticketPageBody(page, req.query));
  });

  app.post('/api/v1/portal/tickets', { config: contactAccess, schema: { tags, body: portalTicketCreateSchema, response: { 201: portalTicketDetailSchema } } }, async (req, reply) => {
    const { contact, settings } = scope(req);
    // AI-4: with manual ticket creation off, contacts open tickets through the assistant only.
    if (manualTicketsDisabled(settings, contact.customerId)) throw new AppError('MANUAL_TICKETS_DISABLED');
    return reply.status(201).send(present(await portal.createForContact(ctx, contact, settings, req.body), settings));
  });

  app.get('/api/v1/portal/tickets/:id', { config: contactAccess, schema: { tags, params: idParamsSchema, response: { 200: portalTicketDetailSchema } } }, async (req) =>
    detail(req, req.params.id),
  );

  app.patch(
    '/api/v1/portal/tickets/:id',
    { config: contactAccess, schema: { tags, params: idParamsSchema, body: portalTicketUpdateSchema, response: { 200: portalTicketDetailSchema } } },
    async (req) => {
      const { contact, settings } = scope(req);
      await portal.updateForContact(ctx, contact, settings, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );

  app.post(
    '/api/v1/portal/tickets/:id/comments',
    { config: contactAccess, schema: { tags, params: idParamsSchema, body: portalCommentCreateSchema, response: { 201: commentSchema } } },
    async (req, reply) => {
      const { contact, settings } = scope(req);
      const { ticket, commentId } = await portal.commentForContact(ctx, contact, settings, req.params.id, req.body.body);
      const comment = (await repo.listComments(ctx.db, contact.tenantId, ticket.id, false)).find((c) => c.id === commentId);
      if (!comment) throw new AppError('TICKET_NOT_FOUND');
      return reply.status(201).send(presentComment(comment));
    },
  );

  app.post(
    '/api/v1/portal/tickets/:id/attachments',
    { config: { ...contactAccess, rateLimit: uploadRateLimit(ctx.config) }, schema: { tags, params: idParamsSchema, consumes: ['multipart/form-data'], response: { 201: attachmentSchema } } },
    async (req, reply) => {
      const { contact, settings } = scope(req);
      const ticket = await portal.readableTicket(ctx, contact, settings, req.params.id);
      if (ticket.billed) throw new AppError('TICKET_BILLED');
      const row = await receiveAttachment(ctx, req, contact.tenantId, ticket, { contactId: contact.id, technicianId: null });
      return reply.status(201).send(presentAttachment(row, url(ticket.id)));
    },
  );

  app.get('/api/v1/portal/tickets/:id/attachments/:attachmentId', { config: contactAccess, schema: { tags, params: attachmentParams } }, async (req, reply) => {
    const { contact, settings } = scope(req);
    await portal.readableTicket(ctx, contact, settings, req.params.id);
    return sendAttachment(ctx, reply, contact.tenantId, req.params.id, req.params.attachmentId, false);
  });
}
