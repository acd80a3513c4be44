import { techSessionSchema } from '@porta/contracts/auth';
import { type SetupBody, setupStatusSchema } from '@porta/contracts/setup';
import { useMutation, useQuery } from '@tanstack/react-query';
import { publicApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';
import { startConsoleSession } from '../console-auth/api';

const SETUP_STATUS_KEY = ['public', 'setup-status'] as const;

export function useSetupStatus() {
  return useQuery({ queryKey: SETUP_STATUS_KEY, queryFn: () => publicApi.get('/api/v1/setup/status', setupStatusSchema), staleTime: 60_000 });
}

export function useRunSetup() {
  return useMutation({
    mutationFn: (body: SetupBody) => publicApi.post('/api/v1/setup', techSessionSchema, body),
    onSuccess: (session) => {
      queryClient.setQueryData(SETUP_STATUS_KEY, { needed: false });
      startConsoleSession(session);
    },
  });
}
