import { type AteraImportResume, type AteraImportStart, ateraImportStatusSchema } from '@porta/contracts/imports-atera';
import { useMutation, useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

const KEY = ['console', 'imports', 'atera'] as const;
const BASE = '/api/v1/imports/atera';
const store = (data: unknown) => queryClient.setQueryData(KEY, data);

/** Issue 15 item 5: the tenant's latest Atera import; polled every 2 s while it runs. */
export function useAteraImport() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => consoleApi.get(BASE, ateraImportStatusSchema),
    refetchInterval: (query) => (query.state.data?.job?.status === 'running' ? 2000 : false),
  });
}

export function useStartAteraImport() {
  return useMutation({ mutationFn: (input: AteraImportStart) => consoleApi.post(BASE, ateraImportStatusSchema, input), onSuccess: store });
}

export function useResumeAteraImport() {
  return useMutation({ mutationFn: (input: AteraImportResume) => consoleApi.post(`${BASE}/resume`, ateraImportStatusSchema, input), onSuccess: store });
}

export function useCancelAteraImport() {
  return useMutation({ mutationFn: () => consoleApi.post(`${BASE}/cancel`, ateraImportStatusSchema, {}), onSuccess: store });
}
