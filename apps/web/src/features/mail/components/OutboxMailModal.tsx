import { Alert, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useOutboxMail, useRetryMail } from '../api';
import { MailStatusBadge } from './StatusBadge';

/** One queued or sent mail: headers, body (unless it held a secret and was sent), "send again". */
export function OutboxMailModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('mail');
  const mail = useOutboxMail(id);
  const retry = useRetryMail();
  const close = () => {
    retry.reset();
    onClose();
  };
  return (
    <AppModal opened={id !== null} onClose={close} title={mail.data?.subject ?? t('ui.outbox.view')} size="lg">
      {mail.isPending ? (
        <LoadingState />
      ) : mail.isError ? (
        <ErrorState error={mail.error} onRetry={() => void mail.refetch()} />
      ) : (
        <Stack gap="md">
          <Group gap="sm">
            <MailStatusBadge kind="outbox" status={mail.data.status} />
            <Text size="sm">{mail.data.to}</Text>
          </Group>
          <Table withRowBorders={false} verticalSpacing={4} fz="sm">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>{t('ui.outbox.messageId')}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Code>{mail.data.messageId}</Code>
                </Table.Td>
              </Table.Tr>
              {Object.entries(mail.data.headers)
                .filter(([name]) => name !== 'Message-ID')
                .map(([name, value]) => (
                  <Table.Tr key={name}>
                    <Table.Th>{name}</Table.Th>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
                  </Table.Tr>
                ))}
              <Table.Tr>
                <Table.Th>{t('ui.outbox.attempts')}</Table.Th>
                <Table.Td>{mail.data.attempts}</Table.Td>
              </Table.Tr>
              {mail.data.nextAttemptAt && (
                <Table.Tr>
                  <Table.Th>{t('ui.outbox.nextAttempt')}</Table.Th>
                  <Table.Td>{formatDateTime(mail.data.nextAttemptAt)}</Table.Td>
                </Table.Tr>
              )}
              {mail.data.lastError && (
                <Table.Tr>
                  <Table.Th>{t('ui.outbox.lastError')}</Table.Th>
                  <Table.Td>
                    <Code>{mail.data.lastError}</Code>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {mail.data.body === null ? (
            <Alert variant="light" color="gray" icon={<IconLock size={18} aria-hidden />}>
              {t('ui.outbox.bodyHidden')}
            </Alert>
          ) : (
            <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: 360, overflow: 'auto' }} data-testid="outbox-body">
              {mail.data.body}
            </Code>
          )}
          <FormError error={retry.error} />
          {(mail.data.status === 'held' || mail.data.status === 'dead') && (
            <Group justify="flex-end">
              <Button loading={retry.isPending} onClick={() => retry.mutate(mail.data.id, { onSuccess: () => notifySuccess(t('ui.outbox.retried')) })}>
                {t('ui.outbox.retry')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </AppModal>
  );
}
