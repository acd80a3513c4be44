import { idParamsSchema, type Language } from '@porta/contracts/common';
import {
  contactCreateSchema,
  contactCreatedSchema,
  contactDefaultsSchema,
  contactDetailSchema,
  contactListQuerySchema,
  contactPageSchema,
  contactUpdateSchema,
} from '@porta/contracts/contacts';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf, tenantOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { presentContact } from './contacts.presenter.ts';
import * as service from './contacts.service.ts';

const tech = { access: 'technician' } as const;
const tags = ['contacts'];

export function contactRoutes(app: ZodApp, ctx: AppContext): void {
  const detail = (row: Awaited<ReturnType<typeof service.getContact>>) => ({ contact: presentContact(row), credentials: service.credentialsOf(ctx, row) });

  app.get('/api/v1/contacts/defaults', { config: tech, schema: { tags, response: { 200: contactDefaultsSchema } } }, async (req) =>
    service.newContactDefaults(ctx, technicianOf(req).tenantId),
  );

  app.get('/api/v1/contacts', { config: tech, schema: { tags, querystring: contactListQuerySchema, response: { 200: contactPageSchema } } }, async (req) => {
    const page = await service.listContacts(ctx, technicianOf(req).tenantId, req.query);
    return { items: page.items.map(presentContact), total: page.total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/api/v1/contacts', { config: tech, schema: { tags, body: contactCreateSchema, response: { 201: contactCreatedSchema } } }, async (req, reply) => {
    const tenant = tenantOf(req);
    const { row, credentials } = await service.createContact(ctx, tenant.id, tenant.defaultLanguage as Language, req.body);
    return reply.status(201).send({ contact: presentContact(row), credentials });
  });

  app.get('/api/v1/contacts/:id', { config: tech, schema: { tags, params: idParamsSchema, response: { 200: contactDetailSchema } } }, async (req) =>
    detail(await service.getContact(ctx, technicianOf(req).tenantId, req.params.id)),
  );

  app.patch('/api/v1/contacts/:id', { config: tech, schema: { tags, params: idParamsSchema, body: contactUpdateSchema, response: { 200: contactDetailSchema } } }, async (req) =>
    detail(await service.updateContact(ctx, technicianOf(req).tenantId, req.params.id, req.body)),
  );

  app.delete('/api/v1/contacts/:id', { config: tech, schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await service.deleteContact(ctx, technicianOf(req).tenantId, req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/contacts/:id/credentials', { config: tech, schema: { tags, params: idParamsSchema, response: { 200: contactCreatedSchema } } }, async (req) => {
    const { row, credentials } = await service.regenerateCredentials(ctx, technicianOf(req).tenantId, req.params.id);
    return { contact: presentContact(row), credentials };
  });
}
