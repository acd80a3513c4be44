import { useQuery } from '@tanstack/react-query';
import { publicApi } from '../../lib/api-clients';
import { lazySchema } from '../../lib/lazy-schema';
import { SETUP_STATUS_KEY } from '../../lib/query-client';

// Every sign-in page asks this; its schema loads with an answer to check (#9 item 7).
const setupStatusSchema = lazySchema(() => import('@porta/contracts/setup').then((m) => m.setupStatusSchema));

/** Whether the install still needs its first-run set-up (sign-in pages send people there). */
export function useSetupStatus() {
  return useQuery({ queryKey: SETUP_STATUS_KEY, queryFn: () => publicApi.get('/api/v1/setup/status', setupStatusSchema), staleTime: 60_000 });
}
