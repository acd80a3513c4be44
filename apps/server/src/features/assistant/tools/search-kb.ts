import type { Reader } from '../../kb/kb-portal.repo.ts';
import { portalSearch } from '../../kb/search/portal-search.ts';
import { refused, type ToolContext, type ToolResult } from './tool.types.ts';

/** The portal's article page (apps/web router: /kb/:id). */
export const articleUrl = (id: string) => `/kb/${id}`;

/** search_kb: the portal KB search, in the contact's language and audience (KB-2, KB-3). */
export async function searchKb(t: ToolContext, args: { query: string }, limit = 3): Promise<ToolResult> {
  const { caller } = t;
  if (!caller.sections.kb) return refused('NOT_FOUND');
  const query = args.query.trim().slice(0, 200);
  if (query.length < 2) return { ok: true, data: { articles: [] }, cards: [] };
  const reader: Reader = { tenantId: caller.tenantId, customerId: caller.contact.customerId, contactId: caller.contact.id, language: caller.language, defaultLanguage: caller.defaultLanguage };
  const { items } = await portalSearch(t.ctx, reader, query, limit);
  const articles = items.map((i) => ({ id: i.id, title: i.title, url: articleUrl(i.id), snippet: i.snippet }));
  return {
    ok: true,
    data: { articles },
    cards: articles.length > 0 ? [{ kind: 'articles', articles: articles.map(({ id, title, url }) => ({ id, title, url })) }] : [],
  };
}
