import { tenantInfoSchema } from '@porta/contracts/portal';
import { useQuery } from '@tanstack/react-query';
import { publicApi } from '../../lib/api-clients';
import { TENANT_INFO_KEY } from '../../lib/query-client';

/** Public branding (name, default language) for the sign-in pages. */
export function useTenantInfo() {
  return useQuery({ queryKey: TENANT_INFO_KEY, queryFn: () => publicApi.get('/api/v1/tenant', tenantInfoSchema), staleTime: 5 * 60_000, retry: false });
}
