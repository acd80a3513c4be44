import type { PortalMe } from '@porta/contracts/portal';
import { useMutation, useQuery } from '@tanstack/react-query';
import { isApiError } from '../../lib/api-error';
import { portalApi } from '../../lib/api-clients';
import { lazySchema } from '../../lib/lazy-schema';
import { PORTAL_ME_KEY, queryClient } from '../../lib/query-client';

// The sign-in page uses this module: its schemas load when there is an answer to check.
const portalMeSchema = lazySchema(() => import('@porta/contracts/portal').then((m) => m.portalMeSchema));
const portalSessionSchema = lazySchema(() => import('@porta/contracts/portal').then((m) => m.portalSessionSchema));
const anyAnswer = lazySchema(() => import('../../lib/any-answer').then((m) => m.anyAnswerSchema));

async function fetchMe(): Promise<PortalMe | null> {
  try {
    return await portalApi.get('/api/v1/portal/me', portalMeSchema);
  } catch (error) {
    // Signed out, or no tenant yet (fresh install): the sign-in page sends people on to set-up.
    if (isApiError(error, 'UNAUTHENTICATED') || isApiError(error, 'TENANT_NOT_FOUND')) return null;
    throw error;
  }
}

/** The signed-in contact (with CSRF token), or null when signed out. */
export function usePortalSession() {
  return useQuery({ queryKey: PORTAL_ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export interface PortalLoginInput {
  username: string;
  password: string;
}

export function usePortalLogin() {
  return useMutation({
    mutationFn: (body: PortalLoginInput) => portalApi.post('/api/v1/portal/auth/login', portalSessionSchema, body),
    onSuccess: ({ user, csrfToken }) => {
      queryClient.removeQueries({ queryKey: ['portal'] });
      queryClient.setQueryData<PortalMe>(PORTAL_ME_KEY, { ...user, csrfToken });
    },
  });
}

export function usePortalLogout() {
  return useMutation({
    mutationFn: () => portalApi.post('/api/v1/portal/auth/logout', anyAnswer, {}),
    onSettled: () => {
      queryClient.removeQueries({ queryKey: ['portal'] });
      queryClient.setQueryData(PORTAL_ME_KEY, null);
    },
  });
}
