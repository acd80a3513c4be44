import type { KbArticleCreate, KbArticleUpdate } from '@porta/contracts/kb';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { findCategory } from './kb-categories.repo.ts';
import * as repo from './kb.repo.ts';
import { kbChanged } from './search/kb-search-index.ts';

/** KB-1, KB-2: technicians write, translate, file, limit and publish articles. */

async function assertCategory(db: Db, tenantId: string, categoryId: string | null | undefined): Promise<void> {
  if (categoryId && !(await findCategory(db, tenantId, categoryId))) throw new AppError('KB_CATEGORY_NOT_FOUND');
}

/** KB-2 beyond: every customer named in an audience must be the tenant's (another tenant's id is simply unknown). */
async function audienceIds(db: Db, tenantId: string, audience: { customerIds: string[] } | null | undefined): Promise<string[] | null | undefined> {
  if (!audience) return audience;
  const ids = [...new Set(audience.customerIds)];
  const found = await repo.existingCustomerIds(db, tenantId, ids);
  if (found.length !== ids.length) throw new AppError('CUSTOMER_NOT_FOUND');
  return ids;
}

function hasTranslation(translations: Record<string, unknown> | undefined): boolean {
  return Object.values(translations ?? {}).some((t) => t !== null && t !== undefined);
}

/** A new article by `authorId` (a technician of the tenant) with its translations, in one transaction. */
export async function createArticle(ctx: AppContext, tenantId: string, authorId: string, input: KbArticleCreate): Promise<string> {
  if (!hasTranslation(input.translations)) throw new AppError('KB_TRANSLATION_REQUIRED');
  await assertCategory(ctx.db, tenantId, input.categoryId);
  const audience = await audienceIds(ctx.db, tenantId, input.audience);
  const created = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertArticle(trx, tenantId, {
      category_id: input.categoryId ?? null,
      status: input.status,
      tags: [...new Set(input.tags)],
      author_id: authorId,
      published_at: input.status === 'published' ? new Date() : null,
      audienceCustomerIds: audience ?? null,
    });
    for (const [language, t] of Object.entries(input.translations)) {
      if (t) await repo.upsertTranslation(trx, tenantId, id, language, t);
    }
    return id;
  });
  await kbChanged(ctx, tenantId, created);
  return created;
}

export async function updateArticle(ctx: AppContext, tenantId: string, id: string, patch: KbArticleUpdate): Promise<void> {
  const article = await repo.findArticle(ctx.db, tenantId, id);
  if (!article) throw new AppError('KB_ARTICLE_NOT_FOUND');
  await assertCategory(ctx.db, tenantId, patch.categoryId);
  const audience = await audienceIds(ctx.db, tenantId, patch.audience);
  const publishing = patch.status === 'published' && article.status !== 'published';
  await ctx.db.transaction().execute(async (trx) => {
    // The UPDATE comes first and locks the row: an article deleted since it was read answers
    // 404 here, and one not yet deleted keeps its translations until this transaction ends.
    const updated = await repo.updateArticle(trx, tenantId, id, {
      ...(patch.categoryId !== undefined && { category_id: patch.categoryId }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(publishing && { published_at: new Date() }),
      ...(patch.tags !== undefined && { tags: [...new Set(patch.tags)] }),
      ...(audience !== undefined && { audienceCustomerIds: audience }),
    });
    if (!updated) throw new AppError('KB_ARTICLE_NOT_FOUND');
    for (const [language, t] of Object.entries(patch.translations ?? {})) {
      if (t) await repo.upsertTranslation(trx, tenantId, id, language, t);
      else if (t === null) await repo.deleteTranslation(trx, tenantId, id, language);
    }
    // Removing every language would leave an article nobody can read: refuse, nothing written.
    if ((await repo.listTranslations(trx, tenantId, id)).length === 0) throw new AppError('KB_TRANSLATION_REQUIRED');
  });
  await kbChanged(ctx, tenantId, id);
}

export async function deleteArticle(ctx: AppContext, tenantId: string, id: string): Promise<void> {
  if (!(await repo.deleteArticle(ctx.db, tenantId, id))) throw new AppError('KB_ARTICLE_NOT_FOUND');
  await kbChanged(ctx, tenantId, id);
}

export async function loadArticle(db: Db, tenantId: string, id: string) {
  const article = await repo.findArticle(db, tenantId, id);
  if (!article) throw new AppError('KB_ARTICLE_NOT_FOUND');
  return { article, translations: await repo.listTranslations(db, tenantId, id) };
}
