import { techSessionSchema, totpEnableResultSchema, totpSetupSchema } from '@porta/contracts/auth';
import type { Language } from '@porta/i18n/languages';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import type { PasswordChange } from '../../components/forms/ChangePasswordForm';
import { consoleApi } from '../../lib/api-clients';
import { CONSOLE_ME_KEY, queryClient } from '../../lib/query-client';

export interface ProfilePatch {
  name?: string;
  language?: Language;
}

export function useUpdateProfile() {
  return useMutation({
    mutationFn: (patch: ProfilePatch) => consoleApi.patch('/api/v1/me', techSessionSchema, patch),
    onSuccess: (session) => queryClient.setQueryData(CONSOLE_ME_KEY, session),
  });
}

export function useChangeTechnicianPassword() {
  return useMutation({
    mutationFn: (body: PasswordChange) => consoleApi.post('/api/v1/me/password', z.unknown(), body),
  });
}

export function useStartTotpSetup() {
  return useMutation({ mutationFn: () => consoleApi.post('/api/v1/me/totp/setup', totpSetupSchema, {}) });
}

function refreshSession() {
  return queryClient.invalidateQueries({ queryKey: CONSOLE_ME_KEY });
}

export function useEnableTotp() {
  return useMutation({
    mutationFn: (code: string) => consoleApi.post('/api/v1/me/totp/enable', totpEnableResultSchema, { code }),
    onSuccess: refreshSession,
  });
}

export function useDisableTotp() {
  return useMutation({
    mutationFn: (password: string) => consoleApi.post('/api/v1/me/totp/disable', z.unknown(), { password }),
    onSuccess: refreshSession,
  });
}
