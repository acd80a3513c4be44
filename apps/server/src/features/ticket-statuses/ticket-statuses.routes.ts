import { idParamsSchema } from '@porta/contracts/common';
import { ticketStatusCreateSchema, ticketStatusListSchema, ticketStatusSchema, ticketStatusUpdateSchema } from '@porta/contracts/tickets';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { AppError, isStillReferenced, isUniqueViolation } from '../../platform/errors.ts';
import { presentStatus } from './ticket-statuses.presenter.ts';
import * as repo from './ticket-statuses.repo.ts';

const tags = ['ticket-statuses'];

/** T-3: default statuses plus the tenant's own, each open-like or closed-like. */
export function ticketStatusRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/ticket-statuses', { config: { access: 'technician' }, schema: { tags, response: { 200: ticketStatusListSchema } } }, async (req) => ({
    items: (await repo.listStatuses(ctx.db, technicianOf(req).tenantId)).map(presentStatus),
  }));

  app.post('/api/v1/ticket-statuses', { config: { access: 'admin' }, schema: { tags, body: ticketStatusCreateSchema, response: { 201: ticketStatusSchema } } }, async (req, reply) => {
    const tenantId = technicianOf(req).tenantId;
    const position = (await repo.listStatuses(ctx.db, tenantId)).length;
    try {
      return reply.status(201).send(presentStatus(await repo.insertStatus(ctx.db, tenantId, { ...req.body, position })));
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('STATUS_KEY_TAKEN');
      throw err;
    }
  });

  app.patch('/api/v1/ticket-statuses/:id', { config: { access: 'admin' }, schema: { tags, params: idParamsSchema, body: ticketStatusUpdateSchema, response: { 200: ticketStatusSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    const current = await repo.findStatus(ctx.db, tenantId, req.params.id);
    if (!current) throw new AppError('STATUS_NOT_FOUND');
    // Default statuses keep their meaning: the workflow (resolve, reopen) relies on it.
    if (current.is_default && (req.body.category !== undefined || req.body.name !== undefined)) throw new AppError('STATUS_IS_DEFAULT');
    const row = await repo.updateStatus(ctx.db, tenantId, req.params.id, req.body);
    if (!row) throw new AppError('STATUS_NOT_FOUND');
    return presentStatus(row);
  });

  app.delete('/api/v1/ticket-statuses/:id', { config: { access: 'admin' }, schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    const tenantId = technicianOf(req).tenantId;
    const current = await repo.findStatus(ctx.db, tenantId, req.params.id);
    if (!current) throw new AppError('STATUS_NOT_FOUND');
    if (current.is_default) throw new AppError('STATUS_IS_DEFAULT');
    try {
      await repo.deleteStatus(ctx.db, tenantId, req.params.id);
    } catch (err) {
      if (isStillReferenced(err)) throw new AppError('STATUS_IN_USE');
      throw err;
    }
    return reply.status(204).send(null);
  });
}
