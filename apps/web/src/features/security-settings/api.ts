import { securitySettingsSchema } from '@porta/contracts/auth';
import { useMutation, useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { CONSOLE_ME_KEY, queryClient } from '../../lib/query-client';

const KEY = ['console', 'settings', 'security'] as const;

export function useSecuritySettings() {
  return useQuery({ queryKey: KEY, queryFn: () => consoleApi.get('/api/v1/settings/security', securitySettingsSchema) });
}

export function useUpdateSecuritySettings() {
  return useMutation({
    mutationFn: (patch: { requireTotp: boolean }) => consoleApi.patch('/api/v1/settings/security', securitySettingsSchema, patch),
    onSuccess: (settings) => {
      queryClient.setQueryData(KEY, settings);
      // The admin's own session may now require enrolment.
      return queryClient.invalidateQueries({ queryKey: CONSOLE_ME_KEY });
    },
  });
}
