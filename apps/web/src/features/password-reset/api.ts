import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { portalApi } from '../../lib/api-clients';

/** ask for a reset link (the answer is the same whether or not an account matched). */
export function useForgotPassword() {
  return useMutation({ mutationFn: (login: string) => portalApi.post('/api/v1/portal/auth/forgot-password', z.unknown(), { login }) });
}

export function useResetPassword() {
  return useMutation({ mutationFn: (body: { token: string; newPassword: string }) => portalApi.post('/api/v1/portal/auth/reset-password', z.unknown(), body) });
}
