import { Anchor, Button, Code, Group, Select, Stack, Text } from '@mantine/core';
import type { WebhookDelivery } from '@porta/contracts/webhooks';
import { IconArrowLeft, IconRefresh, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useDeliveries, useRedeliver, useWebhook } from '../api';
import { DeliveryStatusBadge } from '../components/DeliveryStatusBadge';
import { useSendTestFor } from '../components/use-send-test';

const PAGE_SIZE = 25;

/** One endpoint's delivery log, with "send again" per delivery and "send test". */
export function WebhookDetailPage() {
  const { t } = useTranslation(['console', 'common']);
  const id = useParams().id ?? '';
  const endpoint = useWebhook(id);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const list = useDeliveries(id, { ...(status && { status }), page, pageSize: PAGE_SIZE });
  const redeliver = useRedeliver(id);
  const sendTest = useSendTestFor();

  const columns: Column<WebhookDelivery>[] = [
    {
      key: 'event',
      header: t('webhooks.deliveries.columns.event'),
      render: (d) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {t(`webhooks.events.${d.eventType as 'ticket.created'}`, { defaultValue: d.eventType })}
          </Text>
          <Code fz="xs">{d.messageId}</Code>
        </Stack>
      ),
    },
    { key: 'status', header: t('webhooks.deliveries.columns.status'), render: (d) => <DeliveryStatusBadge status={d.status} /> },
    { key: 'response', header: t('webhooks.deliveries.columns.response'), render: (d) => (d.responseStatus === null ? '—' : String(d.responseStatus)) },
    { key: 'attempts', header: t('webhooks.deliveries.columns.attempts'), render: (d) => d.attempts, visibleFrom: 'sm' },
    { key: 'error', header: t('webhooks.deliveries.columns.error'), render: (d) => <Text size="xs" c="dimmed">{d.lastError ?? ''}</Text>, visibleFrom: 'md' },
    { key: 'created', header: t('webhooks.deliveries.columns.created'), render: (d) => formatDateTime(d.createdAt), visibleFrom: 'md' },
  ];

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/console/settings/webhooks" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('webhooks.deliveries.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={t('webhooks.deliveries.title')}
        description={endpoint.data?.url ?? ''}
        actions={
          <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => sendTest(id)}>
            {t('webhooks.actions.sendTest')}
          </Button>
        }
      />
      <DataTable
        caption={t('webhooks.deliveries.title')}
        columns={columns}
        rowKey={(d) => d.id}
        data={list.data}
        isLoading={list.isPending}
        isFetching={list.isFetching}
        error={list.error ?? endpoint.error}
        onRetry={() => void list.refetch()}
        onPageChange={setPage}
        filters={
          <Select
            label={t('webhooks.deliveries.filter')}
            w={220}
            clearable
            placeholder={t('webhooks.deliveries.all')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            data={(['pending', 'delivered', 'dead'] as const).map((s) => ({ value: s, label: t(`webhooks.deliveries.states.${s}`) }))}
          />
        }
        rowActions={(d) =>
          d.status === 'pending' ? null : (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} aria-hidden />}
              aria-label={t('webhooks.deliveries.sendAgainFor', { id: d.messageId })}
              loading={redeliver.isPending && redeliver.variables === d.id}
              onClick={() => redeliver.mutate(d.id, { onSuccess: () => notifySuccess(t('webhooks.deliveries.queued')), onError: (err) => notifyError(err.message) })}
            >
              {t('webhooks.deliveries.sendAgain')}
            </Button>
          )
        }
        empty={{ title: t('webhooks.deliveries.empty'), description: t('webhooks.deliveries.emptyText') }}
      />
    </Stack>
  );
}
