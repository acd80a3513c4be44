import { idParamsSchema } from '@porta/contracts/common';
import { kbVoteAnswerSchema, kbVoteSchema, portalKbArticleSchema, portalKbCategoryListSchema, portalKbListQuerySchema, portalKbListSchema } from '@porta/contracts/kb';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import * as repo from './kb-portal.repo.ts';
import { kbReader } from './kb.policy.ts';
import { pickName, presentItem, presentPortalArticle } from './kb.presenter.ts';
import { portalSearch } from './search/portal-search.ts';
import { searchRateLimit } from '../../platform/http/rate-limits.ts';

const contactAccess = { access: 'contact' } as const;
const tags = ['portal'];
/** Shorter queries answer nothing rather than everything (KB-3). */
const MIN_QUERY = 2;

/** KB-1..KB-3 in the portal: every route passes the section check (KB-2) and sees only what the contact may read. */
export function portalKbRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/portal/kb/articles', { config: { ...contactAccess, rateLimit: searchRateLimit(ctx.config) }, schema: { tags, querystring: portalKbListQuerySchema, response: { 200: portalKbListSchema } } }, async (req) => {
    const reader = kbReader(req);
    const { q, categoryId, sort, limit } = req.query;
    if (q !== undefined) {
      const term = q.trim();
      if (term.length < MIN_QUERY) return { items: [], corrected: null };
      return portalSearch(ctx, reader, term, limit);
    }
    return { items: (await repo.browse(ctx.db, reader, { categoryId, sort, limit })).map((r) => presentItem(r, reader.language)), corrected: null };
  });

  app.get('/api/v1/portal/kb/articles/:id', { config: contactAccess, schema: { tags, params: idParamsSchema, response: { 200: portalKbArticleSchema } } }, async (req) => {
    const reader = kbReader(req);
    const row = await repo.findForReader(ctx.db, reader, req.params.id);
    if (!row) throw new AppError('KB_ARTICLE_NOT_FOUND');
    await repo.countView(ctx.db, reader.tenantId, row.id);
    return presentPortalArticle(row, reader.language, reader.defaultLanguage);
  });

  app.put(
    '/api/v1/portal/kb/articles/:id/vote',
    { config: contactAccess, schema: { tags, params: idParamsSchema, body: kbVoteSchema, response: { 200: kbVoteAnswerSchema } } },
    async (req) => {
      const reader = kbReader(req);
      if (!(await repo.findForReader(ctx.db, reader, req.params.id))) throw new AppError('KB_ARTICLE_NOT_FOUND');
      await repo.vote(ctx.db, reader, req.params.id, req.body.helpful);
      return { myVote: req.body.helpful };
    },
  );

  app.get('/api/v1/portal/kb/categories', { config: contactAccess, schema: { tags, response: { 200: portalKbCategoryListSchema } } }, async (req) => {
    const reader = kbReader(req);
    const rows = await repo.categoriesForReader(ctx.db, reader);
    return { items: rows.map((c) => ({ id: c.id, name: pickName(c.names, reader.language, reader.defaultLanguage), articleCount: Number(c.article_count) })) };
  });
}
