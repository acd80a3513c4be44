import { cancelAllAnswerSchema } from '@porta/contracts/self-service';
import { useMutation } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

/** SS-7 kill switch: cancels every self-service request and command still waiting. */
export function useCancelQueued() {
  return useMutation({
    mutationFn: () => consoleApi.post('/api/v1/self-service/cancel-queued', cancelAllAnswerSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['console', 'devices'] }),
  });
}
