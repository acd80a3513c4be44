import { useMutation } from '@tanstack/react-query';
import { webhookDeliverySchema } from '@porta/contracts/webhooks';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../../lib/api-clients';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { queryClient } from '../../../lib/query-client';

/** "Send test" for any endpoint of the list: queues a `webhook.test` delivery and says so. */
export function useSendTestFor(): (endpointId: string) => void {
  const { t } = useTranslation('console');
  const send = useMutation({
    mutationFn: (id: string) => consoleApi.post(`/api/v1/webhooks/${encodeURIComponent(id)}/test`, webhookDeliverySchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['console', 'webhooks'] }),
  });
  return (id) => send.mutate(id, { onSuccess: () => notifySuccess(t('webhooks.actions.testQueued')), onError: (err) => notifyError(err.message) });
}
