import { type Customer, customerPageSchema, customerSchema } from '@porta/contracts/customers';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

export interface CustomerListParams {
  q?: string;
  page: number;
  pageSize: number;
}

export interface CustomerInput {
  name: string;
  domains: string[];
}

const KEY = ['console', 'customers'] as const;

export function useCustomers(params: CustomerListParams) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: () => consoleApi.get('/api/v1/customers', customerPageSchema, { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'detail', id],
    queryFn: () => consoleApi.get(`/api/v1/customers/${encodeURIComponent(id)}`, customerSchema),
    enabled: enabled && id !== '',
  });
}

function invalidateCustomers() {
  return queryClient.invalidateQueries({ queryKey: KEY });
}

export function useCreateCustomer() {
  return useMutation({
    mutationFn: (input: CustomerInput) => consoleApi.post('/api/v1/customers', customerSchema, input),
    onSuccess: invalidateCustomers,
  });
}

export function useUpdateCustomer(id: string) {
  return useMutation({
    mutationFn: (input: CustomerInput) => consoleApi.patch(`/api/v1/customers/${encodeURIComponent(id)}`, customerSchema, input),
    onSuccess: (customer: Customer) => {
      queryClient.setQueryData([...KEY, 'detail', id], customer);
      return invalidateCustomers();
    },
  });
}

export function useDeleteCustomer() {
  return useMutation({
    mutationFn: (id: string) => consoleApi.delete(`/api/v1/customers/${encodeURIComponent(id)}`, z.unknown()),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: [...KEY, 'detail', id] });
      return invalidateCustomers();
    },
  });
}
