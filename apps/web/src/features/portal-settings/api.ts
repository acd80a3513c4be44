import { portalMeSchema } from '@porta/contracts/portal';
import type { Language } from '@porta/i18n/languages';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import type { PasswordChange } from '../../components/forms/ChangePasswordForm';
import { portalApi } from '../../lib/api-clients';
import { PORTAL_ME_KEY, queryClient } from '../../lib/query-client';

export interface PortalMePatch {
  language?: Language;
  phone?: string | null;
}

export function useUpdatePortalMe() {
  return useMutation({
    mutationFn: (patch: PortalMePatch) => portalApi.patch('/api/v1/portal/me', portalMeSchema, patch),
    onSuccess: (me) => queryClient.setQueryData(PORTAL_ME_KEY, me),
  });
}

export function useChangePortalPassword() {
  return useMutation({
    mutationFn: (body: PasswordChange) => portalApi.post('/api/v1/portal/me/password', z.unknown(), body),
  });
}
