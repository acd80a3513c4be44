import { idParamsSchema } from '@porta/contracts/common';
import { kbCategoryCreateSchema, kbCategoryListSchema, kbCategorySchema, kbCategoryUpdateSchema } from '@porta/contracts/kb';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf, tenantOf } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import * as repo from './kb-categories.repo.ts';
import { presentCategory } from './kb.presenter.ts';

const tech = { access: 'technician' } as const;
const tags = ['kb'];

/** KB-1: categories with a name per language and an order, managed by technicians. */
export function kbCategoryRoutes(app: ZodApp, ctx: AppContext): void {
  const one = async (req: FastifyRequest, id: string) => {
    const me = technicianOf(req);
    const row = (await repo.listCategories(ctx.db, me.tenantId)).find((c) => c.id === id);
    if (!row) throw new AppError('KB_CATEGORY_NOT_FOUND');
    return presentCategory(row, me.language, tenantOf(req).defaultLanguage);
  };
  const names = (n: Record<string, string | undefined>) => {
    const defined = Object.fromEntries(Object.entries(n).filter((e): e is [string, string] => e[1] !== undefined));
    if (Object.keys(defined).length === 0) throw new AppError('VALIDATION_FAILED');
    return defined;
  };

  app.get('/api/v1/kb/categories', { config: tech, schema: { tags, response: { 200: kbCategoryListSchema } } }, async (req) => {
    const me = technicianOf(req);
    const rows = await repo.listCategories(ctx.db, me.tenantId);
    return { items: rows.map((c) => presentCategory(c, me.language, tenantOf(req).defaultLanguage)) };
  });

  app.post('/api/v1/kb/categories', { config: tech, schema: { tags, body: kbCategoryCreateSchema, response: { 201: kbCategorySchema } } }, async (req, reply) => {
    const me = technicianOf(req);
    const position = req.body.position ?? (await repo.nextPosition(ctx.db, me.tenantId));
    const { id } = await repo.insertCategory(ctx.db, me.tenantId, { names: names(req.body.names), position });
    return reply.status(201).send(await one(req, id));
  });

  app.patch('/api/v1/kb/categories/:id', { config: tech, schema: { tags, params: idParamsSchema, body: kbCategoryUpdateSchema, response: { 200: kbCategorySchema } } }, async (req) => {
    const changes = { ...(req.body.names && { names: names(req.body.names) }), ...(req.body.position !== undefined && { position: req.body.position }) };
    if (!(await repo.updateCategory(ctx.db, technicianOf(req).tenantId, req.params.id, changes))) throw new AppError('KB_CATEGORY_NOT_FOUND');
    return one(req, req.params.id);
  });

  app.delete('/api/v1/kb/categories/:id', { config: tech, schema: { tags, params: idParamsSchema } }, async (req, reply) => {
    if (!(await repo.deleteCategory(ctx.db, technicianOf(req).tenantId, req.params.id))) throw new AppError('KB_CATEGORY_NOT_FOUND');
    return reply.status(204).send();
  });
}
