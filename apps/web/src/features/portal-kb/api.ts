import { kbVoteAnswerSchema, type PortalKbArticle, portalKbArticleSchema, portalKbCategoryListSchema, portalKbListSchema } from '@porta/contracts/kb';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { portalApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

const KEY = ['portal', 'kb'] as const;
const articleKey = (id: string) => [...KEY, 'article', id] as const;
const articlePath = (id: string) => `/api/v1/portal/kb/articles/${encodeURIComponent(id)}`;

/** KB-3: the server answers nothing for fewer than two characters; the page does not even ask. */
export const MIN_QUERY = 2;

/**
 * Search as the contact types (issue 11 item 5): asked after two letters, debounced by the
 * page, and a request still under way is cancelled when a newer query supersedes it.
 */
export function usePortalKbSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: [...KEY, 'search', term],
    queryFn: ({ signal }) => portalApi.get('/api/v1/portal/kb/articles', portalKbListSchema, { q: term, limit: 20 }, signal),
    enabled: term.length >= MIN_QUERY,
    placeholderData: keepPreviousData,
  });
}

export function usePortalKbList(params: { categoryId?: string; sort?: 'popular' | 'recent'; limit?: number }) {
  return useQuery({ queryKey: [...KEY, 'list', params], queryFn: () => portalApi.get('/api/v1/portal/kb/articles', portalKbListSchema, { ...params }) });
}

export function usePortalKbCategories() {
  return useQuery({ queryKey: [...KEY, 'categories'], queryFn: () => portalApi.get('/api/v1/portal/kb/categories', portalKbCategoryListSchema) });
}

export function usePortalKbArticle(id: string) {
  return useQuery({ queryKey: articleKey(id), queryFn: () => portalApi.get(articlePath(id), portalKbArticleSchema) });
}

export function usePortalKbVote(id: string) {
  return useMutation({
    mutationFn: (helpful: boolean) => portalApi.put(`${articlePath(id)}/vote`, kbVoteAnswerSchema, { helpful }),
    onSuccess: ({ myVote }) => queryClient.setQueryData<PortalKbArticle>(articleKey(id), (a) => (a ? { ...a, myVote } : a)),
  });
}
