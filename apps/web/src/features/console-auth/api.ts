import { techSessionSchema, type TechSession } from '@porta/contracts/auth';
import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { isApiError } from '../../lib/api-error';
import { consoleApi } from '../../lib/api-clients';
import { CONSOLE_ME_KEY, queryClient } from '../../lib/query-client';

async function fetchSession(): Promise<TechSession | null> {
  try {
    return await consoleApi.get('/api/v1/me', techSessionSchema);
  } catch (error) {
    // Signed out, or no tenant yet (fresh install): the sign-in page sends people on to set-up.
    if (isApiError(error, 'UNAUTHENTICATED') || isApiError(error, 'TENANT_NOT_FOUND')) return null;
    throw error;
  }
}

/** The signed-in technician and CSRF token, or null when signed out. */
export function useConsoleSession() {
  return useQuery({ queryKey: CONSOLE_ME_KEY, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** Starts a fresh console session in the cache (after sign-in or set-up). */
export function startConsoleSession(session: TechSession): void {
  queryClient.removeQueries({ queryKey: ['console'] });
  queryClient.setQueryData(CONSOLE_ME_KEY, session);
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
}

export function useConsoleLogin() {
  return useMutation({
    mutationFn: (body: LoginInput) => consoleApi.post('/api/v1/auth/login', techSessionSchema, body),
    onSuccess: startConsoleSession,
  });
}

export function useConsoleLogout() {
  return useMutation({
    mutationFn: (everywhere: boolean) => consoleApi.post('/api/v1/auth/logout', z.unknown(), everywhere ? { everywhere } : {}),
    onSettled: () => {
      queryClient.removeQueries({ queryKey: ['console'] });
      queryClient.setQueryData(CONSOLE_ME_KEY, null);
    },
  });
}
