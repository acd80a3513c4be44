import { okSchema } from '@porta/contracts/common';
import { customDomainListSchema, customDomainSchema } from '@porta/contracts/custom-domains';
import { useMutation, useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

const KEY = ['console', 'settings', 'portal', 'domains'] as const;
const BASE = '/api/v1/settings/portal/domains';
const invalidate = () => queryClient.invalidateQueries({ queryKey: KEY });

/** D-2: the tenant's custom portal domains and the CNAME target. */
export function useCustomDomains() {
  return useQuery({ queryKey: KEY, queryFn: () => consoleApi.get(BASE, customDomainListSchema) });
}

export function useAddCustomDomain() {
  return useMutation({ mutationFn: (name: string) => consoleApi.post(BASE, customDomainSchema, { name }), onSuccess: invalidate });
}

export function useCheckCustomDomain() {
  return useMutation({ mutationFn: (id: string) => consoleApi.post(`${BASE}/${encodeURIComponent(id)}/check`, customDomainSchema, {}), onSuccess: invalidate });
}

export function useRemoveCustomDomain() {
  return useMutation({ mutationFn: (id: string) => consoleApi.delete(`${BASE}/${encodeURIComponent(id)}`, okSchema), onSuccess: invalidate });
}
