import { Alert, Badge, Group, Stack, Text, Timeline } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { QueryFallback } from '../../../components/ui/QueryFallback';
import { formatDateTime } from '../../../lib/format';
import { eventField, useEventStream } from '../../../lib/use-event-stream';
import { isFinal, PORTAL_ACTION_EVENTS, refreshAction, useActionProgress } from '../api';

const COLOURS: Record<string, string> = { succeeded: 'green', failed: 'red', refused: 'red', expired: 'gray', cancelled: 'gray' };

const TOPICS = ['action.changed'] as const;

/**
 * Issue 12 item 9, SS-7: the live state of a confirmed action. Each step arrives over the
 * portal's event stream (the event names the action; the page reads it through the API);
 * a slow poll stands in only while the stream is down (and stops once the action is final).
 */
export function ActionProgress({ actionId, showAction = true }: { actionId: string; /** False where the action is named already (the assistant's action card). */ showAction?: boolean }) {
  const { t } = useTranslation('devices');
  const live = useEventStream(PORTAL_ACTION_EVENTS, TOPICS, {
    onEvent: (_topic, data) => {
      if (eventField(data, 'actionId') === actionId) void refreshAction(actionId);
    },
    // Subscribed (again): anything that happened before is read once, so no step is missed.
    onReady: () => void refreshAction(actionId),
  });
  const progress = useActionProgress(actionId, live);
  // A refresh that fails keeps the last state shown; the next event or poll tries again.
  if (progress.data === undefined) return <QueryFallback query={progress} />;
  const view = progress.data;
  const status = view.command ? view.command.status : view.status;
  const label = view.command ? t(`status.${view.command.status}`) : t(`selfService.requestStatus.${view.status}`);
  return (
    <Stack>
      <Group justify={showAction ? 'space-between' : 'flex-start'}>
        {showAction ? <Text fw={600}>{t(`actions.${view.action}`)}</Text> : null}
        <Badge color={COLOURS[status] ?? 'blue'} variant="light" aria-live="polite" data-testid="action-status">
          {label}
        </Badge>
      </Group>
      {view.command && view.command.events.length > 0 ? (
        <Timeline active={view.command.events.length - 1} bulletSize={14} lineWidth={2} aria-label={t('selfService.progressLabel')}>
          {view.command.events.map((e, i) => (
            <Timeline.Item key={`${e.status}-${i}`} title={t(`status.${e.status}`)}>
              <Text size="xs" c="dimmed">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </Text>
              {e.detail ? <Text size="sm">{e.detail}</Text> : null}
            </Timeline.Item>
          ))}
        </Timeline>
      ) : null}
      {!isFinal(view) ? <Text size="sm" c="dimmed">{t('selfService.waiting')}</Text> : null}
      {view.command?.refusalReason ? <Text size="sm">{t('selfService.refused', { reason: view.command.refusalReason })}</Text> : null}
      {view.action === 'reset-password' && view.command?.status === 'succeeded' ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          {t('selfService.passwordSent')}
        </Alert>
      ) : null}
    </Stack>
  );
}
