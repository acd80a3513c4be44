import type { KbArticle, KbArticleSummary, KbCategory, PortalKbArticle, PortalKbItem } from '@porta/contracts/kb';
import type { Language } from '@porta/contracts/common';
import type { CategoryRow } from './kb-categories.repo.ts';
import type { ReaderArticleRow, SearchRow } from './kb-portal.repo.ts';
import type { ArticleRow, ArticleSummaryRow, TranslationRow } from './kb.repo.ts';
import type { SearchHit } from './search/tenant-index.ts';
import { snippetOf } from './snippet.ts';

/** A name for the reader: their language, else the tenant's default, else any. */
export function pickName(names: Record<string, string> | null, language: string, defaultLanguage: string): string {
  if (!names) return '';
  return names[language] ?? names[defaultLanguage] ?? Object.values(names)[0] ?? '';
}

const ref = (id: string | null, name: string | null | undefined) => (id && name !== null && name !== undefined ? { id, name } : null);

export function presentArticle(a: ArticleRow, translations: TranslationRow[], lang: string, def: string): KbArticle {
  return {
    id: a.id,
    status: a.status,
    category: ref(a.category_id, a.category_names ? pickName(a.category_names, lang, def) : null),
    tags: a.tags,
    author: ref(a.author_id, a.author_name),
    audience: a.audience_restricted ? { customerIds: a.audience_customer_ids } : null,
    translations: Object.fromEntries(translations.map((t) => [t.language, { title: t.title, body: t.body, updatedAt: t.updated_at.toISOString() }])),
    viewCount: Number(a.view_count),
    votes: { helpful: Number(a.helpful ?? 0), notHelpful: Number(a.not_helpful ?? 0) },
    publishedAt: a.published_at?.toISOString() ?? null,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
  };
}

export function presentSummary(r: ArticleSummaryRow, lang: string, def: string): KbArticleSummary {
  return {
    id: r.id,
    title: r.title,
    language: r.language as Language,
    languages: r.languages as Language[],
    status: r.status,
    category: ref(r.category_id, r.category_names ? pickName(r.category_names, lang, def) : null),
    tags: r.tags,
    author: ref(r.author_id, r.author_name),
    restricted: r.audience_restricted,
    viewCount: Number(r.view_count),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function presentCategory(c: CategoryRow, lang: string, def: string): KbCategory {
  return { id: c.id, names: c.names, name: pickName(c.names, lang, def), position: c.position, articleCount: Number(c.article_count ?? 0) };
}

export function presentItem(r: Omit<SearchRow, 'tier' | 'score'>, requested: string): PortalKbItem {
  const { text, highlights } = snippetOf(r.snippet);
  return {
    id: r.id,
    title: r.title,
    snippet: text,
    highlights,
    titleHighlights: [],
    language: r.language as Language,
    fallback: r.language !== requested,
    categoryId: r.category_id,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** A search hit of the in-process index (search/tenant-index.ts). */
export function presentHit(h: SearchHit, requested: string): PortalKbItem {
  return {
    id: h.id,
    title: h.title,
    snippet: h.snippet,
    highlights: h.highlights,
    titleHighlights: h.titleHighlights,
    language: h.language,
    fallback: h.language !== requested,
    categoryId: h.categoryId,
    updatedAt: h.updatedAt.toISOString(),
  };
}

export function presentPortalArticle(
  r: ReaderArticleRow,
  requested: string,
  def: string,
): PortalKbArticle {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    language: r.language as Language,
    requestedLanguage: requested as Language,
    fallback: r.language !== requested,
    category: ref(r.category_id, r.category_names ? pickName(r.category_names, requested, def) : null),
    tags: r.tags,
    updatedAt: r.updated_at.toISOString(),
    externalImages: r.external_images ?? false,
    myVote: r.my_vote,
  };
}
