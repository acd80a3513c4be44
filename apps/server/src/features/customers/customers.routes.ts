import { idParamsSchema } from '@porta/contracts/common';
import { customerCreateSchema, customerListQuerySchema, customerPageSchema, customerSchema, customerUpdateSchema } from '@porta/contracts/customers';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { presentCustomer } from './customers.presenter.ts';
import * as service from './customers.service.ts';

const tech = { access: 'technician' } as const;
const tags = ['customers'];

export function customerRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/customers', { config: tech, schema: { tags, querystring: customerListQuerySchema, response: { 200: customerPageSchema } } }, async (req) => {
    const page = await service.listCustomers(ctx, technicianOf(req).tenantId, req.query);
    return { items: page.items.map(presentCustomer), total: page.total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/api/v1/customers', { config: tech, schema: { tags, body: customerCreateSchema, response: { 201: customerSchema } } }, async (req, reply) => {
    const row = await service.createCustomer(ctx, technicianOf(req).tenantId, req.body);
    return reply.status(201).send(presentCustomer(row));
  });

  app.get('/api/v1/customers/:id', { config: tech, schema: { tags, params: idParamsSchema, response: { 200: customerSchema } } }, async (req) =>
    presentCustomer(await service.getCustomer(ctx.db, technicianOf(req).tenantId, req.params.id)),
  );

  app.patch('/api/v1/customers/:id', { config: tech, schema: { tags, params: idParamsSchema, body: customerUpdateSchema, response: { 200: customerSchema } } }, async (req) =>
    presentCustomer(await service.updateCustomer(ctx, technicianOf(req).tenantId, req.params.id, req.body)),
  );

  app.delete('/api/v1/customers/:id', { config: tech, schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await service.deleteCustomer(ctx, technicianOf(req).tenantId, req.params.id);
    return reply.status(204).send(null);
  });
}
