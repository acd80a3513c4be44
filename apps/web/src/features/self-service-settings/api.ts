import { type ActionPoliciesPatch, cancelAllAnswerSchema, customerActionPoliciesSchema } from '@porta/contracts/self-service';
import { useMutation, useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

/** SS-7 kill switch: cancels every self-service request and command still waiting. */
export function useCancelQueued() {
  return useMutation({
    mutationFn: () => consoleApi.post('/api/v1/self-service/cancel-queued', cancelAllAnswerSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['console', 'devices'] }),
  });
}

const policiesKey = (customerId: string) => ['console', 'customers', customerId, 'action-policies'] as const;

/** Issue 13 item 5: a customer's override of the tenant's action modes, and the result. */
export function useCustomerActionPolicies(customerId: string) {
  return useQuery({ queryKey: policiesKey(customerId), queryFn: () => consoleApi.get(`/api/v1/customers/${encodeURIComponent(customerId)}/action-policies`, customerActionPoliciesSchema) });
}

export function useSaveCustomerActionPolicies(customerId: string) {
  return useMutation({
    mutationFn: (overrides: ActionPoliciesPatch) => consoleApi.put(`/api/v1/customers/${encodeURIComponent(customerId)}/action-policies`, customerActionPoliciesSchema, { overrides }),
    onSuccess: (data) => queryClient.setQueryData(policiesKey(customerId), data),
  });
}
