import { idParamsSchema } from '@porta/contracts/common';
import {
  technicianCreateSchema,
  technicianListQuerySchema,
  technicianPageSchema,
  technicianSchema,
  technicianUpdateSchema,
} from '@porta/contracts/technicians';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf, tenantOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { presentTechnician } from './technicians.presenter.ts';
import * as service from './technicians.service.ts';

const admin = { access: 'admin' } as const;
const tags = ['technicians'];

export function technicianRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/technicians', { config: admin, schema: { tags, querystring: technicianListQuerySchema, response: { 200: technicianPageSchema } } }, async (req) => {
    const page = await service.listTechnicians(ctx, technicianOf(req).tenantId, req.query);
    return { ...page, items: page.items.map(presentTechnician), page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/api/v1/technicians', { config: admin, schema: { tags, body: technicianCreateSchema, response: { 201: technicianSchema } } }, async (req, reply) => {
    const row = await service.inviteTechnician(ctx, tenantOf(req), req.body);
    return reply.status(201).send(presentTechnician(row));
  });

  app.get('/api/v1/technicians/:id', { config: admin, schema: { tags, params: idParamsSchema, response: { 200: technicianSchema } } }, async (req) =>
    presentTechnician(await service.getTechnician(ctx, technicianOf(req).tenantId, req.params.id)),
  );

  app.patch('/api/v1/technicians/:id', { config: admin, schema: { tags, params: idParamsSchema, body: technicianUpdateSchema, response: { 200: technicianSchema } } }, async (req) =>
    presentTechnician(await service.updateTechnician(ctx, technicianOf(req), req.params.id, req.body)),
  );

  app.delete('/api/v1/technicians/:id', { config: admin, schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await service.deleteTechnician(ctx, technicianOf(req), req.params.id);
    return reply.status(204).send(null);
  });
}
