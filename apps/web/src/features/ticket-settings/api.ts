import { customFieldListSchema, customFieldSchema } from '@porta/contracts/custom-fields';
import { type PortalSettings, portalSettingsSchema } from '@porta/contracts/portal-settings';
import { ticketStatusListSchema, ticketStatusSchema } from '@porta/contracts/tickets';
import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

const STATUSES_KEY = ['console', 'ticket-statuses'] as const;
const FIELDS_KEY = ['console', 'custom-fields'] as const;
const PORTAL_KEY = ['console', 'settings', 'portal'] as const;

/** Statuses of the tenant (default and own), in order. Every technician reads them. */
export function useTicketStatuses() {
  return useQuery({ queryKey: STATUSES_KEY, queryFn: () => consoleApi.get('/api/v1/ticket-statuses', ticketStatusListSchema), staleTime: 60_000 });
}

export interface StatusInput {
  key: string;
  name: string;
  category: 'open' | 'closed';
}

const invalidateStatuses = () => queryClient.invalidateQueries({ queryKey: STATUSES_KEY });

export function useCreateStatus() {
  return useMutation({ mutationFn: (input: StatusInput) => consoleApi.post('/api/v1/ticket-statuses', ticketStatusSchema, input), onSuccess: invalidateStatuses });
}

export function useUpdateStatus() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<Omit<StatusInput, 'key'>> }) =>
      consoleApi.patch(`/api/v1/ticket-statuses/${encodeURIComponent(id)}`, ticketStatusSchema, patch),
    onSuccess: () => Promise.all([invalidateStatuses(), queryClient.invalidateQueries({ queryKey: ['console', 'tickets'] })]),
  });
}

export function useDeleteStatus() {
  return useMutation({ mutationFn: (id: string) => consoleApi.delete(`/api/v1/ticket-statuses/${encodeURIComponent(id)}`, z.unknown()), onSuccess: invalidateStatuses });
}

/** Custom ticket fields (T-7). */
export function useCustomFields() {
  return useQuery({ queryKey: FIELDS_KEY, queryFn: () => consoleApi.get('/api/v1/custom-fields', customFieldListSchema), staleTime: 60_000 });
}

export interface CustomFieldInput {
  key: string;
  label: string;
  type: 'text' | 'longText' | 'number' | 'date' | 'dropdown' | 'checkbox';
  options: string[];
}

const invalidateFields = () => queryClient.invalidateQueries({ queryKey: FIELDS_KEY });

export function useCreateCustomField() {
  return useMutation({ mutationFn: (input: CustomFieldInput) => consoleApi.post('/api/v1/custom-fields', customFieldSchema, input), onSuccess: invalidateFields });
}

export function useUpdateCustomField() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { label?: string; options?: string[] } }) =>
      consoleApi.patch(`/api/v1/custom-fields/${encodeURIComponent(id)}`, customFieldSchema, patch),
    onSuccess: invalidateFields,
  });
}

export function useDeleteCustomField() {
  return useMutation({ mutationFn: (id: string) => consoleApi.delete(`/api/v1/custom-fields/${encodeURIComponent(id)}`, z.unknown()), onSuccess: invalidateFields });
}

/** What the portal shows, to whom (T-2, T-3, T-4, T-6). Admins only. */
export function usePortalSettings(enabled = true) {
  return useQuery({ queryKey: PORTAL_KEY, queryFn: () => consoleApi.get('/api/v1/settings/portal', portalSettingsSchema), enabled });
}

export interface PortalSettingsPatch {
  sections?: Partial<PortalSettings['sections']>;
  tickets?: Partial<PortalSettings['tickets']>;
  fieldVisibility?: Record<string, 'edit' | 'readonly' | 'hidden'>;
  welcomeEmail?: { enabled?: boolean; templates?: Partial<PortalSettings['welcomeEmail']['templates']> };
  assistant?: {
    engine?: 'builtin' | 'openai';
    model?: { baseUrl?: string; model?: string; apiKey?: string | null };
    createsTicket?: boolean;
    disableManualTickets?: boolean;
  };
}

export function useUpdatePortalSettings() {
  return useMutation({
    mutationFn: (patch: PortalSettingsPatch) => consoleApi.patch('/api/v1/settings/portal', portalSettingsSchema, patch),
    onSuccess: (settings) => queryClient.setQueryData(PORTAL_KEY, settings),
  });
}
