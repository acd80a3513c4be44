import { Alert, Badge, Group, Stack, Text, Timeline } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { formatDateTime } from '../../../lib/format';
import { isFinal, useActionProgress } from '../api';

const COLOURS: Record<string, string> = { succeeded: 'green', failed: 'red', refused: 'red', expired: 'gray', cancelled: 'gray' };

/** Issue 12 item 9: the live state of a confirmed action (polled every 1.5 s until final). */
export function ActionProgress({ actionId }: { actionId: string }) {
  const { t } = useTranslation('devices');
  const progress = useActionProgress(actionId);
  if (progress.isPending) return <LoadingState />;
  if (progress.isError) return <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />;
  const view = progress.data;
  const status = view.command ? view.command.status : view.status;
  const label = view.command ? t(`status.${view.command.status}`) : t(`selfService.requestStatus.${view.status}`);
  return (
    <Stack>
      <Group justify="space-between">
        <Text fw={600}>{t(`actions.${view.action}`)}</Text>
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
