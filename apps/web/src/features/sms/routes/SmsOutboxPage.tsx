import { Stack, Text } from '@mantine/core';
import type { SmsMessage } from '@porta/contracts/sms';
import { IconMessage } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { useSmsOutbox } from '../api';
import { SmsStatusBadge } from '../components/SmsStatusBadge';

const PAGE_SIZE = 25;

/** SS-6: every SMS of the tenant, newest first; without a provider they stop here. */
export function SmsOutboxPage() {
  const { t } = useTranslation('devices');
  const [page, setPage] = useState(1);
  const list = useSmsOutbox({ page, pageSize: PAGE_SIZE });
  const columns: Column<SmsMessage>[] = [
    { key: 'to', header: t('sms.outbox.to'), render: (m) => <Text size="sm" ff="monospace">{m.to}</Text>, width: 150 },
    {
      key: 'body',
      header: t('sms.outbox.text'),
      render: (m) => (
        <Stack gap={0}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {m.body}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`sms.outbox.kinds.${m.kind}`)}
            {m.error ? ` · ${m.error}` : ''}
          </Text>
        </Stack>
      ),
    },
    { key: 'status', header: t('sms.outbox.status'), render: (m) => <SmsStatusBadge status={m.status} />, width: 130 },
    { key: 'created', header: t('sms.outbox.time'), render: (m) => <Text size="sm">{formatDateTime(m.createdAt)}</Text>, visibleFrom: 'sm' },
  ];
  return (
    <>
      <PageHeader title={t('sms.outbox.title')} description={t('sms.outbox.description')} />
      <DataTable
        caption={t('sms.outbox.title')}
        columns={columns}
        rowKey={(m) => m.id}
        data={list.data}
        isLoading={list.isPending}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => void list.refetch()}
        onPageChange={setPage}
        minWidth={420}
        empty={{ icon: <IconMessage size={28} aria-hidden />, title: t('sms.outbox.emptyTitle'), description: t('sms.outbox.emptyText') }}
      />
    </>
  );
}
