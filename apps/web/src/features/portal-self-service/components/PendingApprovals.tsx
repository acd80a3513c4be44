import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import type { SelfServiceActionView } from '@porta/contracts/self-service';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryFallback } from '../../../components/ui/QueryFallback';
import { FormError } from '../../../components/ui/FormError';
import { formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useEventStream } from '../../../lib/use-event-stream';
import { PORTAL_ACTION_EVENTS, refreshApprovals, useDecideApproval, usePendingApprovals } from '../api';

const TOPICS = ['action.changed'] as const;

/**
 * Issue 13 item 5: the requests of the company waiting for a primary contact's approval, live
 * (a new request or a colleague's decision arrives over the portal's action stream). Nothing
 * shows when there is none (and for contacts who are not primary: the server answers none).
 */
export function PendingApprovals() {
  const { t } = useTranslation('devices');
  useEventStream(PORTAL_ACTION_EVENTS, TOPICS, { onEvent: () => void refreshApprovals(), onReady: () => void refreshApprovals() });
  const pending = usePendingApprovals();
  // A refresh that fails keeps the last list shown; the next event tries again.
  if (pending.data === undefined) return <QueryFallback query={pending} loading={null} />;
  if (pending.data.items.length === 0) return null;
  return (
    <Card withBorder radius="lg" p="lg" component="section" aria-labelledby="pending-approvals-title" data-testid="pending-approvals">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id="pending-approvals-title">
            {t('approvals.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('approvals.text')}
          </Text>
        </Stack>
        {pending.data.items.map((item) => (
          <ApprovalItem key={item.id} item={item} />
        ))}
      </Stack>
    </Card>
  );
}

function ApprovalItem({ item }: { item: SelfServiceActionView }) {
  const { t } = useTranslation('devices');
  const [reason, setReason] = useState('');
  const decide = useDecideApproval();
  const run = (approve: boolean) => decide.mutate({ actionId: item.id, approve, reason }, { onSuccess: () => notifySuccess(t(approve ? 'approvals.approved' : 'approvals.denied')) });
  return (
    <Card withBorder radius="md" p="sm" data-testid="approval-item">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('approvals.requested', { name: item.requestedBy.name, action: t(`actions.${item.action}`), device: item.deviceName ?? '' })}
        </Text>
        {item.expiresAt ? (
          <Text size="xs" c="dimmed">
            {t('approvals.lapses', { date: formatDateTime(item.expiresAt) })}
          </Text>
        ) : null}
        <TextInput label={t('approvals.reasonLabel', { name: item.requestedBy.name })} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} size="sm" />
        <FormError error={decide.error} />
        <Group>
          <Button size="sm" color="green" loading={decide.isPending && decide.variables.approve} disabled={decide.isPending} onClick={() => run(true)}>
            {t('approvals.approve')}
          </Button>
          <Button size="sm" color="red" variant="light" loading={decide.isPending && !decide.variables.approve} disabled={decide.isPending} onClick={() => run(false)}>
            {t('approvals.deny')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
