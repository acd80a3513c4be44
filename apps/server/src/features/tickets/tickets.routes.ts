import { idParamsSchema } from '@porta/contracts/common';
import {
  attachmentSchema,
  commentCreateSchema,
  commentSchema,
  ticketCreateSchema,
  ticketDetailSchema,
  ticketListQuerySchema,
  ticketPageSchema,
  ticketUpdateSchema,
} from '@porta/contracts/tickets';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { AppError } from '../../platform/errors.ts';
import { receiveAttachment, sendAttachment } from './attachments.service.ts';
import { presentAttachment, presentComment, presentDetail } from './tickets.presenter.ts';
import { ticketPageBody } from './ticket-summary-json.ts';
import { sendJson } from '../../platform/http/json-text.ts';
import * as repo from './tickets.repo.ts';
import * as service from './tickets.service.ts';
import { searchRateLimit, uploadRateLimit } from '../../platform/http/rate-limits.ts';

const tech = { access: 'technician' } as const;
const tags = ['tickets'];
const attachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });
const url = (id: string) => `/api/v1/tickets/${id}`;

/** T-8: the technicians' queue and ticket page. */
export function ticketRoutes(app: ZodApp, ctx: AppContext): void {
  const detail = async (tenantId: string, id: string) => presentDetail(await service.loadDetail(ctx.db, tenantId, id, true), url(id));
  const mustFind = async (tenantId: string, id: string) => {
    const t = await repo.findTicket(ctx.db, tenantId, id);
    if (!t) throw new AppError('TICKET_NOT_FOUND');
    return t;
  };

  // The answer is JSON text around items PostgreSQL wrote (ticket-summary-json.ts); the schema documents it.
  const queueRoute = { config: { ...tech, rateLimit: searchRateLimit(ctx.config) }, schema: { tags, querystring: ticketListQuerySchema, response: { 200: ticketPageSchema } } };
  app.get('/api/v1/tickets', queueRoute, async (req, reply) => {
    const page = await service.listForConsole(ctx, technicianOf(req).tenantId, req.query);
    return sendJson(reply, ticketPageBody(page, req.query));
  });

  app.post('/api/v1/tickets', { config: tech, schema: { tags, body: ticketCreateSchema, response: { 201: ticketDetailSchema } } }, async (req, reply) => {
    const me = technicianOf(req);
    const parts = await service.createForConsole(ctx, me, req.body);
    return reply.status(201).send(presentDetail(parts, url(parts.ticket.id)));
  });

  app.get('/api/v1/tickets/:id', { config: tech, schema: { tags, params: idParamsSchema, response: { 200: ticketDetailSchema } } }, async (req) =>
    detail(technicianOf(req).tenantId, req.params.id),
  );

  app.patch('/api/v1/tickets/:id', { config: tech, schema: { tags, params: idParamsSchema, body: ticketUpdateSchema, response: { 200: ticketDetailSchema } } }, async (req) => {
    const me = technicianOf(req);
    await service.updateForConsole(ctx, me, req.params.id, req.body);
    return detail(me.tenantId, req.params.id);
  });

  app.post(
    '/api/v1/tickets/:id/comments',
    { config: tech, schema: { tags, params: idParamsSchema, body: commentCreateSchema, response: { 201: commentSchema } } },
    async (req, reply) => {
      const me = technicianOf(req);
      const ticket = await mustFind(me.tenantId, req.params.id);
      const id = await service.addComment(ctx, me.tenantId, ticket, { body: req.body.body, internal: req.body.internal, contactId: null, technicianId: me.id });
      const comment = (await repo.listComments(ctx.db, me.tenantId, ticket.id, true)).find((c) => c.id === id);
      if (!comment) throw new AppError('TICKET_NOT_FOUND');
      return reply.status(201).send(presentComment(comment));
    },
  );

  app.post('/api/v1/tickets/:id/attachments', { config: { ...tech, rateLimit: uploadRateLimit(ctx.config) }, schema: { tags, params: idParamsSchema, consumes: ['multipart/form-data'], response: { 201: attachmentSchema } } }, async (req, reply) => {
    const me = technicianOf(req);
    const ticket = await mustFind(me.tenantId, req.params.id);
    const row = await receiveAttachment(ctx, req, me.tenantId, ticket, { contactId: null, technicianId: me.id });
    return reply.status(201).send(presentAttachment(row, url(ticket.id)));
  });

  app.get('/api/v1/tickets/:id/attachments/:attachmentId', { config: tech, schema: { tags, params: attachmentParams } }, async (req, reply) =>
    sendAttachment(ctx, reply, technicianOf(req).tenantId, req.params.id, req.params.attachmentId, true),
  );
}
