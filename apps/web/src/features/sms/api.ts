import { smsOutboxPageSchema, smsSettingsSchema, type smsSettingsBodySchema, smsTestAnswerSchema } from '@porta/contracts/sms';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

export type SmsSettingsInput = z.input<typeof smsSettingsBodySchema>;

const SETTINGS_KEY = ['console', 'settings', 'sms'] as const;
const OUTBOX_KEY = ['console', 'sms', 'outbox'] as const;

/** SS-6: the SMS provider (secrets come back only as "is set"). */
export function useSmsSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => consoleApi.get('/api/v1/settings/sms', smsSettingsSchema) });
}

export function useUpdateSmsSettings() {
  return useMutation({
    mutationFn: (input: SmsSettingsInput) => consoleApi.put('/api/v1/settings/sms', smsSettingsSchema, input),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}

export function useSendTestSms() {
  return useMutation({
    mutationFn: (to: string) => consoleApi.post('/api/v1/settings/sms/test', smsTestAnswerSchema, { to }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: OUTBOX_KEY }),
  });
}

/** Every SMS the tenant sent or kept, newest first. */
export function useSmsOutbox(params: { page: number; pageSize: number }) {
  return useQuery({ queryKey: [...OUTBOX_KEY, params], queryFn: () => consoleApi.get('/api/v1/sms-outbox', smsOutboxPageSchema, { ...params }), placeholderData: keepPreviousData });
}
