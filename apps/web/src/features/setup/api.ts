import { techSessionSchema } from '@porta/contracts/auth';
import type { SetupBody } from '@porta/contracts/setup';
import { useMutation } from '@tanstack/react-query';
import { publicApi } from '../../lib/api-clients';
import { queryClient, SETUP_STATUS_KEY } from '../../lib/query-client';
import { startConsoleSession } from '../console-auth/api';


export function useRunSetup() {
  return useMutation({
    mutationFn: (body: SetupBody) => publicApi.post('/api/v1/setup', techSessionSchema, body),
    onSuccess: (session) => {
      queryClient.setQueryData(SETUP_STATUS_KEY, { needed: false });
      startConsoleSession(session);
    },
  });
}
