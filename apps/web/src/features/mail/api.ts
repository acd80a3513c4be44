import { contactDetailSchema } from '@porta/contracts/contacts';
import {
  inboundPageSchema,
  mailSettingsSchema,
  type mailSettingsPatchSchema,
  outboxMailDetailSchema,
  outboxPageSchema,
  welcomePreviewSchema,
} from '@porta/contracts/mail';
import type { Language } from '@porta/i18n/languages';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

const SETTINGS_KEY = ['console', 'settings', 'mail'] as const;
const OUTBOX_KEY = ['console', 'mail', 'outbox'] as const;
const INBOUND_KEY = ['console', 'mail', 'inbound'] as const;

export type MailSettingsPatch = z.input<typeof mailSettingsPatchSchema>;

export function useMailSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => consoleApi.get('/api/v1/settings/mail', mailSettingsSchema) });
}

export function useUpdateMailSettings() {
  return useMutation({
    mutationFn: (patch: MailSettingsPatch) => consoleApi.patch('/api/v1/settings/mail', mailSettingsSchema, patch),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}

export interface MailListParams {
  status?: string;
  page: number;
  pageSize: number;
}

export function useOutbox(params: MailListParams) {
  return useQuery({ queryKey: [...OUTBOX_KEY, params], queryFn: () => consoleApi.get('/api/v1/mail/outbox', outboxPageSchema, { ...params }), placeholderData: keepPreviousData });
}

export function useOutboxMail(id: string | null) {
  return useQuery({ queryKey: [...OUTBOX_KEY, 'detail', id], queryFn: () => consoleApi.get(`/api/v1/mail/outbox/${encodeURIComponent(id ?? '')}`, outboxMailDetailSchema), enabled: id !== null });
}

export function useRetryMail() {
  return useMutation({
    mutationFn: (id: string) => consoleApi.post(`/api/v1/mail/outbox/${encodeURIComponent(id)}/retry`, outboxMailDetailSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: OUTBOX_KEY }),
  });
}

export function useInbound(params: MailListParams) {
  return useQuery({ queryKey: [...INBOUND_KEY, params], queryFn: () => consoleApi.get('/api/v1/mail/inbound', inboundPageSchema, { ...params }), placeholderData: keepPreviousData });
}

export function useReprocessInbound() {
  return useMutation({
    mutationFn: (id: string) => consoleApi.post(`/api/v1/mail/inbound/${encodeURIComponent(id)}/reprocess`, z.object({ outcome: z.string() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INBOUND_KEY }),
  });
}

export function useWelcomePreview() {
  return useMutation({
    mutationFn: (input: { language: Language; subject: string; body: string }) => consoleApi.post('/api/v1/settings/portal/welcome-preview', welcomePreviewSchema, input),
  });
}

/** A-2 "send the welcome e-mail again"; `regeneratePassword` after the technician confirmed. */
export function useSendWelcome(contactId: string) {
  return useMutation({
    mutationFn: (regeneratePassword: boolean) => consoleApi.post(`/api/v1/contacts/${encodeURIComponent(contactId)}/welcome-email`, contactDetailSchema, { regeneratePassword }),
    onSuccess: (detail) => queryClient.setQueryData(['console', 'contacts', 'detail', contactId], detail),
  });
}
