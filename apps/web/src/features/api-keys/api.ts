import { apiKeyCreatedSchema, apiKeyListSchema } from '@porta/contracts/api-keys';
import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

export type ApiKeyScope = 'read' | 'write';

const KEY = ['console', 'api-keys'] as const;
const invalidate = () => queryClient.invalidateQueries({ queryKey: KEY });

export function useApiKeys() {
  return useQuery({ queryKey: KEY, queryFn: () => consoleApi.get('/api/v1/api-keys', apiKeyListSchema) });
}

export function useCreateApiKey() {
  return useMutation({
    mutationFn: (input: { name: string; scope: ApiKeyScope }) => consoleApi.post('/api/v1/api-keys', apiKeyCreatedSchema, input),
    onSuccess: invalidate,
  });
}

export function useRevokeApiKey() {
  return useMutation({
    mutationFn: (id: string) => consoleApi.delete(`/api/v1/api-keys/${encodeURIComponent(id)}`, z.unknown()),
    onSuccess: invalidate,
  });
}
