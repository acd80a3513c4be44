import { idParamsSchema } from '@porta/contracts/common';
import {
  kbArticleCreateSchema,
  kbArticleListQuerySchema,
  kbArticlePageSchema,
  kbArticleSchema,
  kbArticleUpdateSchema,
  kbSettingsPatchSchema,
  kbSettingsSchema,
} from '@porta/contracts/kb';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf, tenantOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { presentArticle, presentSummary } from './kb.presenter.ts';
import * as repo from './kb.repo.ts';
import * as service from './kb.service.ts';
import { searchRateLimit } from '../../platform/http/rate-limits.ts';

const tech = { access: 'technician' } as const;
const admin = { access: 'admin' } as const;
const tags = ['kb'];

/** KB-1: technicians write, translate, file and publish articles; admins set the KB options. */
export function kbRoutes(app: ZodApp, ctx: AppContext): void {
  const languages = (req: FastifyRequest) => ({ lang: technicianOf(req).language, def: tenantOf(req).defaultLanguage });
  const detail = async (req: FastifyRequest, id: string) => {
    const { lang, def } = languages(req);
    const { article, translations } = await service.loadArticle(ctx.db, technicianOf(req).tenantId, id);
    return presentArticle(article, translations, lang, def);
  };

  app.get('/api/v1/kb/articles', { config: { ...tech, rateLimit: searchRateLimit(ctx.config) }, schema: { tags, querystring: kbArticleListQuerySchema, response: { 200: kbArticlePageSchema } } }, async (req) => {
    const { lang, def } = languages(req);
    const page = await repo.listArticles(ctx.db, technicianOf(req).tenantId, def, req.query);
    return { items: page.items.map((r) => presentSummary(r, lang, def)), total: page.total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/api/v1/kb/articles', { config: tech, schema: { tags, body: kbArticleCreateSchema, response: { 201: kbArticleSchema } } }, async (req, reply) => {
    const me = technicianOf(req);
    const id = await service.createArticle(ctx, me.tenantId, me.id, req.body);
    return reply.status(201).send(await detail(req, id));
  });

  app.get('/api/v1/kb/articles/:id', { config: tech, schema: { tags, params: idParamsSchema, response: { 200: kbArticleSchema } } }, async (req) => detail(req, req.params.id));

  app.patch('/api/v1/kb/articles/:id', { config: tech, schema: { tags, params: idParamsSchema, body: kbArticleUpdateSchema, response: { 200: kbArticleSchema } } }, async (req) => {
    await service.updateArticle(ctx, technicianOf(req).tenantId, req.params.id, req.body);
    return detail(req, req.params.id);
  });

  app.delete('/api/v1/kb/articles/:id', { config: tech, schema: { tags, params: idParamsSchema } }, async (req, reply) => {
    await service.deleteArticle(ctx, technicianOf(req).tenantId, req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/v1/kb/settings', { config: tech, schema: { tags, response: { 200: kbSettingsSchema } } }, async (req) => {
    const row = await repo.readSettings(ctx.db, technicianOf(req).tenantId);
    return { externalImages: row?.external_images ?? false };
  });

  app.patch('/api/v1/kb/settings', { config: admin, schema: { tags, body: kbSettingsPatchSchema, response: { 200: kbSettingsSchema } } }, async (req) => {
    await repo.writeSettings(ctx.db, technicianOf(req).tenantId, req.body.externalImages);
    return { externalImages: req.body.externalImages };
  });
}
