import { technicianPageSchema, technicianSchema } from '@porta/contracts/technicians';
import type { Language } from '@porta/i18n/languages';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

export interface TechnicianListParams {
  q?: string;
  page: number;
  pageSize: number;
}

export interface TechnicianCreateInput {
  name: string;
  email: string;
  password: string;
  isAdmin: boolean;
  language: Language;
}

export interface TechnicianPatch {
  name?: string;
  email?: string;
  isAdmin?: boolean;
  language?: Language;
  resetTotp?: true;
}

const KEY = ['console', 'technicians'] as const;
const path = (id: string) => `/api/v1/technicians/${encodeURIComponent(id)}`;
const invalidate = () => queryClient.invalidateQueries({ queryKey: KEY });

export function useTechnicians(params: TechnicianListParams) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: () => consoleApi.get('/api/v1/technicians', technicianPageSchema, { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateTechnician() {
  return useMutation({
    mutationFn: (input: TechnicianCreateInput) => consoleApi.post('/api/v1/technicians', technicianSchema, input),
    onSuccess: invalidate,
  });
}

export function useUpdateTechnician() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TechnicianPatch }) => consoleApi.patch(path(id), technicianSchema, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteTechnician() {
  return useMutation({
    mutationFn: (id: string) => consoleApi.delete(path(id), z.unknown()),
    onSuccess: invalidate,
  });
}
