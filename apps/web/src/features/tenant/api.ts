import { useQuery } from '@tanstack/react-query';
import { publicApi } from '../../lib/api-clients';
import { lazySchema } from '../../lib/lazy-schema';
import { TENANT_INFO_KEY } from '../../lib/query-client';

const tenantInfoSchema = lazySchema(() => import('@porta/contracts/portal').then((m) => m.tenantInfoSchema));

/** Public branding (name, default language) for the sign-in pages. */
export function useTenantInfo() {
  return useQuery({ queryKey: TENANT_INFO_KEY, queryFn: () => publicApi.get('/api/v1/tenant', tenantInfoSchema), staleTime: 5 * 60_000, retry: false });
}
