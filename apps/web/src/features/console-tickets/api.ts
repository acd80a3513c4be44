import { attachmentSchema, commentSchema, type TicketDetail, ticketDetailSchema, ticketPageSchema } from '@porta/contracts/tickets';
import { technicianPageSchema } from '@porta/contracts/technicians';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';
import type { CustomValue } from '../tickets/components/CustomFieldInput';

export const TICKET_SORTS = ['newest', 'oldest', 'updated', 'priority', 'due'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export interface TicketListParams {
  q?: string;
  status?: string;
  customerId?: string;
  assigneeId?: string;
  priority?: string;
  type?: string;
  sort: TicketSort;
  page: number;
  pageSize: number;
}

export interface TicketCreateInput {
  contactId: string;
  subject: string;
  description: string;
  priority: string;
  type: string;
  impact: string;
  assigneeId?: string | null;
  dueAt?: string | null;
  customFields?: Record<string, CustomValue>;
}

export interface TicketPatch {
  subject?: string;
  description?: string;
  status?: string;
  priority?: string;
  type?: string;
  impact?: string;
  assigneeId?: string | null;
  dueAt?: string | null;
  billed?: boolean;
  billedMinutes?: number;
  customFields?: Record<string, CustomValue>;
}

const KEY = ['console', 'tickets'] as const;
const detailKey = (id: string) => [...KEY, 'detail', id] as const;
const path = (id: string) => `/api/v1/tickets/${encodeURIComponent(id)}`;
export const CONSOLE_TICKET_EVENTS = '/api/v1/tickets/events';

export function useTickets(params: TicketListParams) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: () => consoleApi.get('/api/v1/tickets', ticketPageSchema, { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => consoleApi.get(path(id), ticketDetailSchema) });
}

export function refreshTicketLists() {
  return queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
}

export function refreshTicket(id: string) {
  return Promise.all([queryClient.invalidateQueries({ queryKey: detailKey(id) }), refreshTicketLists()]);
}

function storeDetail(ticket: TicketDetail) {
  queryClient.setQueryData(detailKey(ticket.id), ticket);
  return refreshTicketLists();
}

export function useCreateTicket() {
  return useMutation({ mutationFn: (input: TicketCreateInput) => consoleApi.post('/api/v1/tickets', ticketDetailSchema, input), onSuccess: storeDetail });
}

export function useUpdateTicket(id: string) {
  return useMutation({ mutationFn: (patch: TicketPatch) => consoleApi.patch(path(id), ticketDetailSchema, patch), onSuccess: storeDetail });
}

export function useAddComment(id: string) {
  return useMutation({
    mutationFn: (input: { body: string; internal: boolean }) => consoleApi.post(`${path(id)}/comments`, commentSchema, input),
    onSettled: () => refreshTicket(id),
  });
}

export function useUploadAttachment(id: string) {
  return useMutation({
    mutationFn: (file: File) => consoleApi.upload(`${path(id)}/attachments`, attachmentSchema, file),
    onSettled: () => queryClient.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

/** Technicians to assign to: the list is admin-only, so others get "Assign to me" instead. */
export function useAssignableTechnicians(enabled: boolean) {
  return useQuery({
    queryKey: ['console', 'technicians', 'list', { page: 1, pageSize: 100 }],
    queryFn: () => consoleApi.get('/api/v1/technicians', technicianPageSchema, { page: 1, pageSize: 100 }),
    enabled,
    staleTime: 60_000,
  });
}
