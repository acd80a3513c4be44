import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import { fetchPage, likePattern, pageWindow } from '../../platform/db/paging.ts';
import type { KbArticlesTable } from '../../platform/db/schema.ts';

/** Articles and their translations, as technicians see them (KB-1). */

export function findArticle(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom('kb_articles as a')
    .leftJoin('technicians as au', 'au.id', 'a.author_id')
    .leftJoin('kb_categories as c', 'c.id', 'a.category_id')
    .selectAll('a')
    .select(['au.name as author_name', 'c.names as category_names'])
    .select((eb) => [
      eb.selectFrom('kb_votes as v').whereRef('v.article_id', '=', 'a.id').where('v.helpful', '=', true).select((e) => e.fn.countAll<string>().as('n')).as('helpful'),
      eb.selectFrom('kb_votes as v').whereRef('v.article_id', '=', 'a.id').where('v.helpful', '=', false).select((e) => e.fn.countAll<string>().as('n')).as('not_helpful'),
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}
export type ArticleRow = NonNullable<Awaited<ReturnType<typeof findArticle>>>;

export function listTranslations(db: Db, tenantId: string, articleId: string) {
  return db
    .selectFrom('kb_translations')
    .select(['language', 'title', 'body', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .where('article_id', '=', articleId)
    .orderBy('language')
    .execute();
}
export type TranslationRow = Awaited<ReturnType<typeof listTranslations>>[number];

export function insertArticle(
  db: Db,
  tenantId: string,
  v: Pick<KbArticlesTable, 'category_id' | 'status' | 'author_id' | 'published_at'> & { tags: string[]; audienceCustomerIds: string[] | null },
) {
  return db
    .insertInto('kb_articles')
    .values({
      tenant_id: tenantId,
      category_id: v.category_id,
      status: v.status,
      tags: v.tags,
      author_id: v.author_id,
      published_at: v.published_at,
      audience_restricted: v.audienceCustomerIds !== null,
      audience_customer_ids: v.audienceCustomerIds ?? [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export interface ArticleChanges {
  category_id?: string | null;
  status?: 'draft' | 'published';
  published_at?: Date | null;
  tags?: string[];
  audienceCustomerIds?: string[] | null;
}

/** False when the article is gone (deleted by a request that ran first); the row stays locked to the caller's transaction otherwise. */
export async function updateArticle(db: Db, tenantId: string, id: string, c: ArticleChanges): Promise<boolean> {
  const result = await db
    .updateTable('kb_articles')
    .set({
      ...(c.category_id !== undefined && { category_id: c.category_id }),
      ...(c.status !== undefined && { status: c.status }),
      ...(c.published_at !== undefined && { published_at: c.published_at }),
      ...(c.tags !== undefined && { tags: c.tags }),
      ...(c.audienceCustomerIds !== undefined && { audience_restricted: c.audienceCustomerIds !== null, audience_customer_ids: c.audienceCustomerIds ?? [] }),
      updated_at: sql`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function upsertTranslation(db: Db, tenantId: string, articleId: string, language: string, t: { title: string; body: string }): Promise<void> {
  await db
    .insertInto('kb_translations')
    .values({ tenant_id: tenantId, article_id: articleId, language, title: t.title, body: t.body })
    .onConflict((oc) => oc.columns(['article_id', 'language']).doUpdateSet({ title: t.title, body: t.body, updated_at: sql`now()` }))
    .execute();
}

export async function deleteTranslation(db: Db, tenantId: string, articleId: string, language: string): Promise<void> {
  await db.deleteFrom('kb_translations').where('tenant_id', '=', tenantId).where('article_id', '=', articleId).where('language', '=', language).execute();
}

export async function deleteArticle(db: Db, tenantId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('kb_articles').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export interface ConsoleArticleFilter {
  q?: string | undefined;
  categoryId?: string | undefined;
  language?: string | undefined;
  status?: 'draft' | 'published' | undefined;
  page: number;
  pageSize: number;
}

/**
 * The console list, newest change first. `language` keeps articles that have that translation and
 * titles them in it; otherwise the title is the tenant default's, else the first language's.
 * `q` matches any translation's title (accent- and case-free) or its text (stemmed).
 */
export function listArticles(db: Db, tenantId: string, defaultLanguage: string, f: ConsoleArticleFilter) {
  const preferred = f.language ?? defaultLanguage;
  let base = db.selectFrom('kb_articles as a').where('a.tenant_id', '=', tenantId);
  if (f.categoryId) base = base.where('a.category_id', '=', f.categoryId);
  if (f.status) base = base.where('a.status', '=', f.status);
  if (f.language) {
    const lang = f.language;
    base = base.where((eb) => eb.exists(eb.selectFrom('kb_translations as x').select('x.article_id').whereRef('x.article_id', '=', 'a.id').where('x.language', '=', lang)));
  }
  if (f.q) {
    const like = likePattern(f.q.toLowerCase());
    const q = f.q;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('kb_translations as x')
          .select('x.article_id')
          .whereRef('x.article_id', '=', 'a.id')
          .where(sql<boolean>`(x.title_key like porta_unaccent(${like}) or x.search @@ websearch_to_tsquery(porta_kb_config(x.language), ${q}))`),
      ),
    );
  }
  const page = base
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('kb_translations as t')
          .select(['t.title', 't.language'])
          .whereRef('t.article_id', '=', 'a.id')
          .orderBy(sql`t.language = ${preferred}`, 'desc')
          .orderBy('t.language')
          .limit(1)
          .as('t'),
      (join) => join.onTrue(),
    )
    .leftJoin('kb_categories as c', 'c.id', 'a.category_id')
    .leftJoin('technicians as au', 'au.id', 'a.author_id')
    .select([
      'a.id',
      'a.status',
      'a.tags',
      'a.category_id',
      'c.names as category_names',
      'a.author_id',
      'au.name as author_name',
      'a.audience_restricted',
      'a.view_count',
      'a.updated_at',
      't.title',
      't.language',
      sql<string[]>`array(select l.language from kb_translations l where l.article_id = a.id order by l.language)`.as('languages'),
    ])
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .$call(pageWindow(f));
  return fetchPage(page.execute(), base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
}
export type ArticleSummaryRow = Awaited<ReturnType<typeof listArticles>>['items'][number];

/** The ids among `ids` that are customers of the tenant. */
export async function existingCustomerIds(db: Db, tenantId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

export function readSettings(db: Db, tenantId: string) {
  return db.selectFrom('kb_settings').select('external_images').where('tenant_id', '=', tenantId).executeTakeFirst();
}

export async function writeSettings(db: Db, tenantId: string, externalImages: boolean): Promise<void> {
  await db
    .insertInto('kb_settings')
    .values({ tenant_id: tenantId, external_images: externalImages })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ external_images: externalImages }))
    .execute();
}
