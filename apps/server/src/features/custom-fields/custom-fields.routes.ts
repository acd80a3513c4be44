import { idParamsSchema } from '@porta/contracts/common';
import { type CustomField, customFieldCreateSchema, customFieldListSchema, customFieldSchema, customFieldUpdateSchema } from '@porta/contracts/custom-fields';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { sessionsChanged } from '../../platform/auth/sessions-changed.ts';
import * as repo from './custom-fields.repo.ts';

const tags = ['custom-fields'];

function present(row: repo.CustomFieldRow): CustomField {
  return { id: row.id, key: row.key, label: row.label, type: row.type, options: row.options, position: row.position };
}

/** T-7: custom ticket fields; their portal visibility lives in the portal settings (T-6). */
export function customFieldRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/custom-fields', { config: { access: 'technician' }, schema: { tags, response: { 200: customFieldListSchema } } }, async (req) => ({
    items: (await repo.listCustomFields(ctx.db, technicianOf(req).tenantId)).map(present),
  }));

  app.post('/api/v1/custom-fields', { config: { access: 'admin' }, schema: { tags, body: customFieldCreateSchema, response: { 201: customFieldSchema } } }, async (req, reply) => {
    const tenantId = technicianOf(req).tenantId;
    const position = (await repo.listCustomFields(ctx.db, tenantId)).length;
    let row: repo.CustomFieldRow;
    try {
      row = await repo.insertCustomField(ctx.db, tenantId, { ...req.body, position });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CUSTOM_FIELD_KEY_TAKEN');
      throw err;
    }
    await sessionsChanged(ctx, tenantId, null);
    return reply.status(201).send(present(row));
  });

  app.get('/api/v1/custom-fields/:id', { config: { access: 'technician' }, schema: { tags, params: idParamsSchema, response: { 200: customFieldSchema } } }, async (req) => {
    const row = await repo.findCustomField(ctx.db, technicianOf(req).tenantId, req.params.id);
    if (!row) throw new AppError('CUSTOM_FIELD_NOT_FOUND', { field: req.params.id });
    return present(row);
  });

  app.patch('/api/v1/custom-fields/:id', { config: { access: 'admin' }, schema: { tags, params: idParamsSchema, body: customFieldUpdateSchema, response: { 200: customFieldSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    const current = await repo.findCustomField(ctx.db, tenantId, req.params.id);
    if (!current) throw new AppError('CUSTOM_FIELD_NOT_FOUND', { field: req.params.id });
    if (req.body.options && current.type === 'dropdown' && req.body.options.length === 0) throw new AppError('CUSTOM_FIELD_INVALID', { field: current.label });
    const row = await repo.updateCustomField(ctx.db, tenantId, req.params.id, req.body);
    if (!row) throw new AppError('CUSTOM_FIELD_NOT_FOUND', { field: req.params.id });
    await sessionsChanged(ctx, tenantId, null);
    return present(row);
  });

  app.delete('/api/v1/custom-fields/:id', { config: { access: 'admin' }, schema: { tags, params: idParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    const tenantId = technicianOf(req).tenantId;
    if (!(await repo.deleteCustomField(ctx.db, tenantId, req.params.id))) throw new AppError('CUSTOM_FIELD_NOT_FOUND', { field: req.params.id });
    // Contacts' cached sessions carry the tenant's field keys (platform/auth/authenticate.ts).
    await sessionsChanged(ctx, tenantId, null);
    return reply.status(204).send(null);
  });
}
