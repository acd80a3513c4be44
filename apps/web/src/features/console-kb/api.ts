import {
  type KbArticle,
  kbArticlePageSchema,
  kbArticleSchema,
  kbCategoryListSchema,
  kbCategorySchema,
  kbSettingsSchema,
  type KbStatus,
} from '@porta/contracts/kb';
import type { Language } from '@porta/contracts/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

export interface KbListParams {
  q?: string;
  categoryId?: string;
  language?: string;
  status?: string;
  page: number;
  pageSize: number;
}

export interface KbArticleInput {
  categoryId?: string | null;
  status?: KbStatus;
  tags?: string[];
  translations?: Partial<Record<Language, { title: string; body: string } | null>>;
  audience?: { customerIds: string[] } | null;
}

const KEY = ['console', 'kb'] as const;
const ARTICLES = [...KEY, 'articles'] as const;
const CATEGORIES = [...KEY, 'categories'] as const;
const SETTINGS = [...KEY, 'settings'] as const;
const articlePath = (id: string) => `/api/v1/kb/articles/${encodeURIComponent(id)}`;
const categoryPath = (id: string) => `/api/v1/kb/categories/${encodeURIComponent(id)}`;
const empty = z.unknown();

export function useKbArticles(params: KbListParams) {
  return useQuery({ queryKey: [...ARTICLES, 'list', params], queryFn: () => consoleApi.get('/api/v1/kb/articles', kbArticlePageSchema, { ...params }), placeholderData: keepPreviousData });
}

export function useKbArticle(id: string | undefined) {
  return useQuery({ queryKey: [...ARTICLES, 'detail', id], queryFn: () => consoleApi.get(articlePath(id ?? ''), kbArticleSchema), enabled: Boolean(id) });
}

function stored(article: KbArticle) {
  queryClient.setQueryData([...ARTICLES, 'detail', article.id], article);
  return Promise.all([queryClient.invalidateQueries({ queryKey: [...ARTICLES, 'list'] }), queryClient.invalidateQueries({ queryKey: CATEGORIES })]);
}

export function useCreateKbArticle() {
  return useMutation({ mutationFn: (input: KbArticleInput) => consoleApi.post('/api/v1/kb/articles', kbArticleSchema, input), onSuccess: stored });
}

export function useUpdateKbArticle(id: string) {
  return useMutation({ mutationFn: (patch: KbArticleInput) => consoleApi.patch(articlePath(id), kbArticleSchema, patch), onSuccess: stored });
}

export function useDeleteKbArticle(id: string) {
  return useMutation({
    mutationFn: () => consoleApi.delete(articlePath(id), empty),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useKbCategories() {
  return useQuery({ queryKey: CATEGORIES, queryFn: () => consoleApi.get('/api/v1/kb/categories', kbCategoryListSchema) });
}

export interface KbCategoryInput {
  names?: Partial<Record<Language, string>>;
  position?: number;
}

const refreshCategories = () => queryClient.invalidateQueries({ queryKey: KEY });

export function useSaveKbCategory() {
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: KbCategoryInput }) =>
      id ? consoleApi.patch(categoryPath(id), kbCategorySchema, input) : consoleApi.post('/api/v1/kb/categories', kbCategorySchema, input),
    onSuccess: refreshCategories,
  });
}

export function useDeleteKbCategory() {
  return useMutation({ mutationFn: (id: string) => consoleApi.delete(categoryPath(id), empty), onSuccess: refreshCategories });
}

export function useKbSettings() {
  return useQuery({ queryKey: SETTINGS, queryFn: () => consoleApi.get('/api/v1/kb/settings', kbSettingsSchema) });
}

export function useUpdateKbSettings() {
  return useMutation({
    mutationFn: (externalImages: boolean) => consoleApi.patch('/api/v1/kb/settings', kbSettingsSchema, { externalImages }),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS, settings),
  });
}
