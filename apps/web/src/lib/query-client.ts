import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';

export const CONSOLE_ME_KEY = ['console', 'me'] as const;
export const PORTAL_ME_KEY = ['portal', 'me'] as const;
/** Public branding of the tenant (features/tenant/api.ts); the server-written sign-in page brings it along. */
export const TENANT_INFO_KEY = ['public', 'tenant'] as const;
/** Whether first-run set-up is needed (features/setup/status.ts); a server-written sign-in page says no. */
export const SETUP_STATUS_KEY = ['public', 'setup-status'] as const;

/** Reacts to session-level answers from any request: signed out, or authenticator enrolment required. */
function onApiError(error: unknown): void {
  if (!(error instanceof ApiError)) return;
  if (error.code === 'UNAUTHENTICATED') {
    if (error.area === 'console') queryClient.setQueryData(CONSOLE_ME_KEY, null);
    if (error.area === 'portal') queryClient.setQueryData(PORTAL_ME_KEY, null);
  }
  if (error.code === 'TOTP_ENROLMENT_REQUIRED' && error.area === 'console') {
    void queryClient.invalidateQueries({ queryKey: CONSOLE_ME_KEY });
  }
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
