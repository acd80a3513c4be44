import type { KbArticleCreate } from '@porta/contracts/kb';
import type { AppContext } from '../platform/context.ts';
import { insertCategory } from '../features/kb/kb-categories.repo.ts';
import { createArticle } from '../features/kb/kb.service.ts';
import { DEMO_ARTICLES, DEMO_KB_CATEGORIES, type DemoCategoryKey } from './demo-kb.ts';

/** KB categories and 30 published articles with translations, through the KB service (issue 4). */
export async function seedDemoKb(ctx: AppContext, tenantId: string, authorId: string, customerIds: Map<string, string>): Promise<number> {
  const categoryIds = new Map<DemoCategoryKey, string>();
  for (const [position, [key, names]] of Object.entries(DEMO_KB_CATEGORIES).entries()) {
    categoryIds.set(key as DemoCategoryKey, (await insertCategory(ctx.db, tenantId, { names, position })).id);
  }
  for (const a of DEMO_ARTICLES) {
    const onlyFor = a.onlyFor ? customerIds.get(a.onlyFor) : undefined;
    if (a.onlyFor && !onlyFor) throw new Error(`Demo article audience ${a.onlyFor} is not a demo customer`);
    const translations: KbArticleCreate['translations'] = {};
    for (const [language, [title, body]] of Object.entries(a.texts)) translations[language as keyof typeof translations] = { title, body };
    await createArticle(ctx, tenantId, authorId, {
      categoryId: categoryIds.get(a.category) ?? null,
      status: 'published',
      tags: a.tags,
      translations,
      audience: onlyFor ? { customerIds: [onlyFor] } : null,
    });
  }
  return DEMO_ARTICLES.length;
}
