import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';

/**
 * What a contact reads (KB-1..KB-3): published articles their customer may see (an article
 * limited to other customers does not exist for them), each in one translation: the contact's
 * language, else the tenant's default language ("fallback"); an article in neither is not shown.
 */
export interface Reader {
  tenantId: string;
  customerId: string;
  contactId: string;
  language: string;
  defaultLanguage: string;
}

/** The highlight markers ts_headline writes around matched words; control characters never stored in a body. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
/** Title hits ranked on their full text (title and body); the rest are ordered by title match and readings only. */
const TITLE_CANDIDATES = 50;
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

const visible = (r: Reader) => sql<boolean>`(a.tenant_id = ${r.tenantId} and a.status = 'published'
  and (not a.audience_restricted or ${r.customerId}::uuid = any(a.audience_customer_ids)))`;

/** `tr` is the translation the reader is shown: theirs, or the default when theirs is missing. */
const shownTranslation = (r: Reader) => sql<boolean>`(tr.language = ${r.language} or (tr.language = ${r.defaultLanguage}
  and not exists (select 1 from kb_translations x where x.article_id = tr.article_id and x.language = ${r.language})))`;

export interface SearchRow {
  id: string;
  language: string;
  title: string;
  snippet: string;
  category_id: string | null;
  updated_at: Date;
  tier: number;
  score: number;
}

/**
 * KB-3 search, one statement, in three tiers, each read only while the tiers before it found
 * fewer than `limit` articles the reader may see:
 *   0. the title matches (a small GIN index over titles alone): the best TITLE_CANDIDATES by
 *      how well the title matches (then the most read), ranked by ts_rank over title (weight A)
 *      and body (weight B); a title hit always comes before a body-only hit, and a common word
 *      never makes the query read every body that mentions it;
 *   1. body-only matches, ranked the same way;
 *   2. trigram near-misses on the title ("pasword" → "password"), ranked by word similarity.
 * Matching uses the language's stemmer over unaccented words (the porta_* configurations).
 * A common word therefore ranks its title hits only, never every body that mentions it. The
 * snippet is computed for the returned rows only. Exported as SQL so the benchmark's bare
 * endpoint runs exactly this.
 */
export function searchSql(r: Reader, q: string, limit: number): RawBuilder<SearchRow> {
  const query = sql`(case when tr.language = ${r.language} then q.lq else q.dq end)`;
  const mine = sql`tr.tenant_id = ${r.tenantId} and ${visible(r)} and ${shownTranslation(r)}`;
  return sql<SearchRow>`
    with q as (
      select websearch_to_tsquery(porta_kb_config(${r.language}), ${q}) as lq,
             websearch_to_tsquery(porta_kb_config(${r.defaultLanguage}), ${q}) as dq,
             lower(porta_unaccent(${q})) as k
    ),
    title_hits as materialized (
      select tr.article_id, tr.language, ts_rank(tr.title_search, ${query}) as title_rank, a.view_count
      from kb_translations tr cross join q join kb_articles a on a.id = tr.article_id
      where ((tr.language = ${r.language} and tr.title_search @@ q.lq) or (tr.language = ${r.defaultLanguage} and tr.title_search @@ q.dq)) and ${mine}
    ),
    title_ranked as (
      select h.article_id, h.language, 0 as tier, ts_rank(tr.search, ${query}) as score
      from (select * from title_hits order by title_rank desc, view_count desc, article_id limit ${TITLE_CANDIDATES}) h
      join kb_translations tr on tr.article_id = h.article_id and tr.language = h.language cross join q
    ),
    body_hits as materialized (
      select tr.article_id, tr.language, 1 as tier, ts_rank(tr.search, ${query}) as score
      from kb_translations tr cross join q join kb_articles a on a.id = tr.article_id
      where (select count(*) from title_hits) < ${limit}
        and ((tr.language = ${r.language} and tr.search @@ q.lq) or (tr.language = ${r.defaultLanguage} and tr.search @@ q.dq)) and ${mine}
        and not exists (select 1 from title_hits h where h.article_id = tr.article_id)
    ),
    near_misses as (
      select tr.article_id, tr.language, 2 as tier, word_similarity(q.k, tr.title_key) as score
      from kb_translations tr cross join q join kb_articles a on a.id = tr.article_id
      where (select count(*) from title_hits) + (select count(*) from body_hits) < ${limit}
        and tr.language in (${r.language}, ${r.defaultLanguage}) and q.k <% tr.title_key and ${mine}
        and not exists (select 1 from title_hits h where h.article_id = tr.article_id)
        and not exists (select 1 from body_hits h where h.article_id = tr.article_id)
    ),
    top as (
      select * from (select * from title_ranked union all select * from body_hits union all select * from near_misses) m
      order by tier, score desc, article_id limit ${limit}
    )
    select top.article_id as id, top.language, top.tier, top.score::float8 as score, tr.title, a.category_id, a.updated_at,
           ts_headline(porta_kb_config(top.language), tr.body, ${query}, ${HEADLINE}) as snippet
    from top
    join kb_translations tr on tr.article_id = top.article_id and tr.language = top.language
    join kb_articles a on a.id = top.article_id
    cross join q
    order by top.tier, top.score desc, top.article_id`;
}

export async function search(db: Db, r: Reader, q: string, limit: number): Promise<SearchRow[]> {
  return (await searchSql(r, q, limit).execute(db)).rows;
}

/** Browsing: a category's articles, the most read, or the newest. */
export async function browse(db: Db, r: Reader, f: { categoryId?: string | undefined; sort?: 'popular' | 'recent' | undefined; limit: number }) {
  const order = f.sort === 'popular' ? sql`a.view_count desc, a.id` : f.categoryId && !f.sort ? sql`lower(tr.title), a.id` : sql`a.updated_at desc, a.id`;
  const rows = await sql<Omit<SearchRow, 'tier' | 'score'>>`
    select a.id, tr.language, tr.title, left(tr.body, 400) as snippet, a.category_id, a.updated_at
    from kb_articles a join kb_translations tr on tr.article_id = a.id
    where ${visible(r)} and ${shownTranslation(r)}
      ${f.categoryId ? sql`and a.category_id = ${f.categoryId}` : sql``}
    order by ${order}
    limit ${f.limit}`.execute(db);
  return rows.rows;
}

export interface ReaderArticleRow {
  id: string;
  language: string;
  title: string;
  body: string;
  tags: string[];
  category_id: string | null;
  category_names: Record<string, string> | null;
  updated_at: Date;
  external_images: boolean | null;
  my_vote: boolean | null;
}

export async function findForReader(db: Db, r: Reader, id: string): Promise<ReaderArticleRow | undefined> {
  const rows = await sql<ReaderArticleRow>`
    select a.id, tr.language, tr.title, tr.body, a.tags, a.category_id, c.names as category_names,
           greatest(a.updated_at, tr.updated_at) as updated_at, s.external_images,
           (select v.helpful from kb_votes v where v.article_id = a.id and v.contact_id = ${r.contactId}) as my_vote
    from kb_articles a
    join kb_translations tr on tr.article_id = a.id
    left join kb_categories c on c.id = a.category_id
    left join kb_settings s on s.tenant_id = a.tenant_id
    where a.id = ${id} and ${visible(r)} and ${shownTranslation(r)}`.execute(db);
  return rows.rows[0];
}

/** Most read: one more reading of a visible article. */
export async function countView(db: Db, tenantId: string, id: string): Promise<void> {
  await sql`update kb_articles set view_count = view_count + 1 where tenant_id = ${tenantId} and id = ${id}`.execute(db);
}

/** One vote per contact and article; voting again changes it. */
export async function vote(db: Db, r: Reader, articleId: string, helpful: boolean): Promise<void> {
  await db
    .insertInto('kb_votes')
    .values({ tenant_id: r.tenantId, article_id: articleId, contact_id: r.contactId, helpful })
    .onConflict((oc) => oc.columns(['article_id', 'contact_id']).doUpdateSet({ helpful }))
    .execute();
}

/** The categories with at least one article the reader may see, with how many. */
export async function categoriesForReader(db: Db, r: Reader) {
  const rows = await sql<{ id: string; names: Record<string, string>; article_count: string }>`
    select c.id, c.names, count(*) as article_count
    from kb_categories c
    join kb_articles a on a.category_id = c.id
    join kb_translations tr on tr.article_id = a.id
    where c.tenant_id = ${r.tenantId} and ${visible(r)} and ${shownTranslation(r)}
    group by c.id
    order by c.position, c.created_at`.execute(db);
  return rows.rows;
}
