import {
  attachmentSchema,
  commentSchema,
  portalTicketDetailSchema,
  portalTicketFormSchema,
  ticketPageSchema,
  type PortalTicketDetail,
} from '@porta/contracts/tickets';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { portalApi } from '../../lib/api-clients';
import { PORTAL_ME_KEY, queryClient } from '../../lib/query-client';
import type { CustomValue } from '../tickets/components/CustomFieldInput';

export interface PortalTicketListParams {
  scope: 'mine' | 'company';
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface PortalTicketInput {
  subject: string;
  description: string;
  priority?: string;
  type?: string;
  impact?: string;
  /** Only when the assignee is editable (T-6): a technician the ticket form offers. */
  assigneeId?: string | null;
  /** Only when the due date is editable: an ISO instant. */
  dueAt?: string | null;
  customFields?: Record<string, CustomValue>;
}

export interface PortalTicketPatch {
  priority?: string;
  type?: string;
  impact?: string;
  /** null unassigns. */
  assigneeId?: string | null;
  /** null clears the due date. */
  dueAt?: string | null;
  status?: 'resolved' | 'open';
  customFields?: Record<string, CustomValue>;
}

const KEY = ['portal', 'tickets'] as const;
const FORM_KEY = ['portal', 'ticket-form'] as const;
const detailKey = (id: string) => [...KEY, 'detail', id] as const;
export const portalTicketPath = (id: string) => `/api/v1/portal/tickets/${encodeURIComponent(id)}`;

/** Which fields and statuses the contact may see and use (T-3, T-6); changes with the admin's settings. */
export function usePortalTicketForm() {
  return useQuery({ queryKey: FORM_KEY, queryFn: () => portalApi.get('/api/v1/portal/ticket-form', portalTicketFormSchema) });
}

export function usePortalTickets(params: PortalTicketListParams) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: () => portalApi.get('/api/v1/portal/tickets', ticketPageSchema, { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function usePortalTicket(id: string) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => portalApi.get(portalTicketPath(id), portalTicketDetailSchema) });
}

/** After a live event: the ticket, its lists and the form (visibility may have changed too). */
export function refreshPortalTicket(id: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: detailKey(id) }),
    queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] }),
    queryClient.invalidateQueries({ queryKey: FORM_KEY }),
  ]);
}

/**
 * After `portal.changed` or a reconnection: what the contact may see or do may have changed
 * (T-2 sections, T-3 statuses, T-6 fields), so every cached ticket and list, the form and the
 * contact's sections are refetched; a newly hidden field disappears without a reload.
 */
export function refreshPortalRules() {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: KEY }),
    queryClient.invalidateQueries({ queryKey: FORM_KEY }),
    queryClient.invalidateQueries({ queryKey: PORTAL_ME_KEY }),
  ]);
}

function storeDetail(ticket: PortalTicketDetail) {
  queryClient.setQueryData(detailKey(ticket.id), ticket);
  return queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
}

export function useCreatePortalTicket() {
  return useMutation({
    mutationFn: (input: PortalTicketInput) => portalApi.post('/api/v1/portal/tickets', portalTicketDetailSchema, input),
    onSuccess: storeDetail,
    // A refusal (a field no longer editable, a technician removed) means the form is out of date.
    onError: () => void queryClient.invalidateQueries({ queryKey: FORM_KEY }),
  });
}

export function useUpdatePortalTicket(id: string) {
  return useMutation({
    mutationFn: (patch: PortalTicketPatch) => portalApi.patch(portalTicketPath(id), portalTicketDetailSchema, patch),
    onSuccess: storeDetail,
    // A refusal (billed, not editable, a technician removed) means the page is out of date: fetch what is true now.
    onError: () => void Promise.all([queryClient.invalidateQueries({ queryKey: detailKey(id) }), queryClient.invalidateQueries({ queryKey: FORM_KEY })]),
  });
}

export function usePortalComment(id: string) {
  return useMutation({
    mutationFn: (body: string) => portalApi.post(`${portalTicketPath(id)}/comments`, commentSchema, { body }),
    onSettled: () => refreshPortalTicket(id),
  });
}

export function usePortalUpload(id: string) {
  return useMutation({
    mutationFn: (file: File) => portalApi.upload(`${portalTicketPath(id)}/attachments`, attachmentSchema, file),
    onSettled: () => queryClient.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export function uploadPortalAttachment(id: string, file: File) {
  return portalApi.upload(`${portalTicketPath(id)}/attachments`, attachmentSchema, file);
}
