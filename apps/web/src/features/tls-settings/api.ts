import { tlsStatusSchema } from '@porta/contracts/tls';
import { useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';

/** D-3: the certificate state of each of the tenant's hosts (admins). */
export function useTlsStatus() {
  return useQuery({ queryKey: ['console', 'settings', 'tls'], queryFn: () => consoleApi.get('/api/v1/settings/tls', tlsStatusSchema), staleTime: 30_000 });
}
