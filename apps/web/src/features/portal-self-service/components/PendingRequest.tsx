import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { SelfServiceActionView } from '@porta/contracts/self-service';
import { useTranslation } from 'react-i18next';
import { QueryFallback } from '../../../components/ui/QueryFallback';
import { FormError } from '../../../components/ui/FormError';
import { eventField, useEventStream } from '../../../lib/use-event-stream';
import { PORTAL_ACTION_EVENTS, refreshAction, useActionProgress, useProceedAction } from '../api';

const TOPICS = ['action.changed'] as const;

/** The request states before any SMS code (issue 13 item 5). */
export const PENDING_STATES: ReadonlySet<SelfServiceActionView['status']> = new Set(['awaiting-confirmation', 'awaiting-approval', 'denied']);

/**
 * Issue 13 item 5: a request that waits for the requester's confirmation ("Restart LAPTOP-12
 * now?") or for a primary contact's approval, or that a primary contact denied. Follows the
 * live stream, so an approval or a denial shows at once. Once the code is sent, `onCodeSent`.
 */
export function PendingRequest({ actionId, deviceName, onCodeSent }: { actionId: string; deviceName: string; onCodeSent: () => void }) {
  const { t } = useTranslation('devices');
  const live = useEventStream(PORTAL_ACTION_EVENTS, TOPICS, {
    onEvent: (_topic, data) => {
      if (eventField(data, 'actionId') === actionId) void refreshAction(actionId);
    },
    onReady: () => void refreshAction(actionId),
  });
  const view = useActionProgress(actionId, live);
  const proceed = useProceedAction();
  // A refresh that fails keeps the last state shown; the next event or poll tries again.
  if (view.data === undefined) return <QueryFallback query={view} loading={<Loader size="sm" role="status" aria-label={t('selfService.pending.loading')} />} />;
  const v = view.data;
  const decision = v.decision;
  if (v.status === 'awaiting-approval') {
    return (
      <Group gap="xs" wrap="nowrap" role="status" data-testid="awaiting-approval">
        <Loader size="xs" aria-hidden />
        <Text size="sm">{t('selfService.pending.awaitingApproval')}</Text>
      </Group>
    );
  }
  if (v.status === 'denied') {
    return (
      <Alert color="red" variant="light" role="status" data-testid="approval-denied" title={t('selfService.pending.deniedTitle', { name: decision?.by ?? '' })}>
        {decision?.reason ? t('selfService.pending.reason', { reason: decision.reason }) : t('selfService.pending.noReason')}
      </Alert>
    );
  }
  if (v.status !== 'awaiting-confirmation') return null;
  return (
    <Stack gap="xs">
      {decision?.approved ? (
        <Text size="sm" c="green.8" role="status" data-testid="approval-approved">
          {t('selfService.pending.approvedBy', { name: decision.by })}
          {decision.reason ? ` — ${decision.reason}` : ''}
        </Text>
      ) : null}
      <Text size="sm" fw={600}>
        {t('selfService.pending.question', { action: t(`actions.${v.action}`), device: deviceName })}
      </Text>
      <FormError error={proceed.error} />
      <Group>
        <Button size="sm" loading={proceed.isPending} onClick={() => proceed.mutate(actionId, { onSuccess: onCodeSent })}>
          {t('selfService.pending.yesSendCode')}
        </Button>
      </Group>
    </Stack>
  );
}
