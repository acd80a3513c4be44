import { portalHomeSchema } from '@porta/contracts/portal-home';
import { useQuery } from '@tanstack/react-query';
import { portalApi } from '../../lib/api-clients';

/**
 * #9 item 8: the home's blocks in one request. Read again on every visit (staleTime 0): the
 * counts move with every ticket the contact opens or that gets resolved.
 */
export function usePortalHome() {
  return useQuery({ queryKey: ['portal', 'home'], queryFn: () => portalApi.get('/api/v1/portal/home', portalHomeSchema), staleTime: 0 });
}
