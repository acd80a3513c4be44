import {
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookEndpointCreatedSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  type WebhookEventType,
} from '@porta/contracts/webhooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

const KEY = ['console', 'webhooks'] as const;
const invalidate = () => queryClient.invalidateQueries({ queryKey: KEY });
const path = (id: string) => `/api/v1/webhooks/${encodeURIComponent(id)}`;

export function useWebhooks() {
  return useQuery({ queryKey: KEY, queryFn: () => consoleApi.get('/api/v1/webhooks', webhookEndpointListSchema) });
}

export function useWebhook(id: string) {
  return useQuery({ queryKey: [...KEY, id], queryFn: () => consoleApi.get(path(id), webhookEndpointSchema) });
}

export function useCreateWebhook() {
  return useMutation({
    mutationFn: (input: { url: string; description: string; eventTypes: WebhookEventType[] }) => consoleApi.post('/api/v1/webhooks', webhookEndpointCreatedSchema, input),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhook() {
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; enabled?: boolean; eventTypes?: WebhookEventType[] }) => consoleApi.patch(path(id), webhookEndpointSchema, input),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook() {
  return useMutation({
    mutationFn: (id: string) => consoleApi.delete(path(id), z.unknown()),
    onSuccess: invalidate,
  });
}

export function useDeliveries(id: string, params: { status?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...KEY, id, 'deliveries', params],
    queryFn: () => consoleApi.get(`${path(id)}/deliveries`, webhookDeliveryPageSchema, { ...params }),
    placeholderData: keepPreviousData,
    // Pending deliveries change as the worker sends them: look again while any is pending.
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 1500 : false),
  });
}

export function useRedeliver(id: string) {
  return useMutation({
    mutationFn: (deliveryId: string) => consoleApi.post(`${path(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, webhookDeliverySchema),
    onSuccess: invalidate,
  });
}
