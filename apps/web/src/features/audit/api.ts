import { auditChainSchema, auditPageSchema } from '@porta/contracts/self-service';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';

export interface AuditParams {
  event?: string;
  subject?: string;
  page: number;
  pageSize: number;
}

/** SS-7: the tenant's audit log, newest first. */
export function useAuditLog(params: AuditParams) {
  return useQuery({ queryKey: ['console', 'audit', params], queryFn: () => consoleApi.get('/api/v1/audit', auditPageSchema, { ...params }), placeholderData: keepPreviousData });
}

/** Whether the tenant's hash chain verifies end to end. */
export function useAuditChain() {
  return useQuery({ queryKey: ['console', 'audit-chain'], queryFn: () => consoleApi.get('/api/v1/audit/verify', auditChainSchema) });
}
