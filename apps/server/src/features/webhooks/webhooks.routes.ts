import { idParamsSchema, okSchema } from '@porta/contracts/common';
import {
  webhookDeliveryPageSchema,
  webhookDeliveryParamsSchema,
  webhookDeliveryQuerySchema,
  webhookDeliverySchema,
  webhookEndpointCreateSchema,
  webhookEndpointCreatedSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointUpdateSchema,
} from '@porta/contracts/webhooks';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { listEndpoints } from './webhooks.repo.ts';
import { presentDelivery, presentEndpoint } from './webhooks.presenter.ts';
import * as service from './webhooks.service.ts';

const admin = { access: 'admin' } as const;
const tags = ['webhooks'];

/** Issue 15 item 1 (P-2): outgoing webhook endpoints, their delivery log, "send again" and "send test" (admins). */
export function webhookRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/webhooks', { config: admin, schema: { tags, response: { 200: webhookEndpointListSchema } } }, async (req) => ({
    items: (await listEndpoints(ctx.db, technicianOf(req).tenantId)).map(presentEndpoint),
  }));

  app.post('/api/v1/webhooks', { config: admin, schema: { tags, body: webhookEndpointCreateSchema, response: { 201: webhookEndpointCreatedSchema } } }, async (req, reply) => {
    const { endpoint, secret } = await service.createEndpoint(ctx, technicianOf(req).tenantId, req.body);
    return reply.status(201).send({ endpoint: presentEndpoint(endpoint), secret });
  });

  app.get('/api/v1/webhooks/:id', { config: admin, schema: { tags, params: idParamsSchema, response: { 200: webhookEndpointSchema } } }, async (req) =>
    presentEndpoint(await service.mustFindEndpoint(ctx, technicianOf(req).tenantId, req.params.id)),
  );

  app.patch('/api/v1/webhooks/:id', { config: admin, schema: { tags, params: idParamsSchema, body: webhookEndpointUpdateSchema, response: { 200: webhookEndpointSchema } } }, async (req) =>
    presentEndpoint(await service.updateEndpoint(ctx, technicianOf(req).tenantId, req.params.id, req.body)),
  );

  app.delete('/api/v1/webhooks/:id', { config: admin, schema: { tags, params: idParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await service.deleteEndpoint(ctx, technicianOf(req).tenantId, req.params.id);
    return { ok: true as const };
  });

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    { config: admin, schema: { tags, params: idParamsSchema, querystring: webhookDeliveryQuerySchema, response: { 200: webhookDeliveryPageSchema } } },
    async (req) => {
      const page = await service.listDeliveries(ctx, technicianOf(req).tenantId, req.params.id, req.query);
      return { items: page.items.map(presentDelivery), total: page.total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post('/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver', { config: admin, schema: { tags, params: webhookDeliveryParamsSchema, response: { 200: webhookDeliverySchema } } }, async (req) =>
    presentDelivery(await service.redeliver(ctx, technicianOf(req).tenantId, req.params.id, req.params.deliveryId)),
  );

  app.post('/api/v1/webhooks/:id/test', { config: admin, schema: { tags, params: idParamsSchema, response: { 200: webhookDeliverySchema } } }, async (req) =>
    presentDelivery(await service.sendTest(ctx, technicianOf(req).tenantId, req.params.id)),
  );
}
