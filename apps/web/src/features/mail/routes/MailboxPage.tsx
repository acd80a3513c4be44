import { Anchor, Button, Code, Select, Stack, Tabs, Text } from '@mantine/core';
import type { z } from 'zod';
import type { inboundMailSchema, outboxMailSchema } from '@porta/contracts/mail';
import { IconInbox, IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useInbound, useOutbox, useReprocessInbound } from '../api';
import { OutboxMailModal } from '../components/OutboxMailModal';
import { MailStatusBadge } from '../components/StatusBadge';

type OutboxMail = z.infer<typeof outboxMailSchema>;
type InboundMail = z.infer<typeof inboundMailSchema>;
const PAGE_SIZE = 25;

/** Issue 5: the console "Outbox" (every mail and its delivery state) and what arrived by mail. */
export function MailboxPage() {
  const { t } = useTranslation('mail');
  return (
    <Stack gap="lg">
      <PageHeader title={t('ui.outbox.title')} description={t('ui.outbox.description')} />
      <Tabs defaultValue="outbox" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="outbox" leftSection={<IconMailForward size={16} aria-hidden />}>
            {t('ui.outbox.title')}
          </Tabs.Tab>
          <Tabs.Tab value="inbound" leftSection={<IconInbox size={16} aria-hidden />}>
            {t('ui.inbound.title')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="outbox">
          <OutboxList />
        </Tabs.Panel>
        <Tabs.Panel value="inbound">
          <InboundList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function OutboxList() {
  const { t } = useTranslation(['mail', 'common']);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useOutbox({ ...(status && { status }), page, pageSize: PAGE_SIZE });
  const columns: Column<OutboxMail>[] = [
    { key: 'to', header: t('ui.outbox.to'), render: (m) => m.to },
    {
      key: 'subject',
      header: t('ui.outbox.subject'),
      render: (m) => (
        <Stack gap={0}>
          <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setOpen(m.id)}>
            {m.subject}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t(`ui.outbox.kinds.${m.kind as 'welcome'}`, { defaultValue: m.kind })}
          </Text>
        </Stack>
      ),
    },
    { key: 'status', header: t('ui.outbox.status'), render: (m) => <MailStatusBadge kind="outbox" status={m.status} /> },
    { key: 'attempts', header: t('ui.outbox.attempts'), render: (m) => m.attempts, visibleFrom: 'md' },
    { key: 'created', header: t('ui.outbox.created'), render: (m) => formatDateTime(m.createdAt), visibleFrom: 'sm' },
  ];
  return (
    <>
      <DataTable
        caption={t('ui.outbox.caption')}
        columns={columns}
        rowKey={(m) => m.id}
        data={list.data}
        isLoading={list.isPending}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => void list.refetch()}
        onPageChange={setPage}
        filters={
          <Select
            label={t('ui.outbox.filter')}
            w={220}
            clearable
            placeholder={t('ui.outbox.all')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            data={(['pending', 'done', 'held', 'dead'] as const).map((s) => ({ value: s, label: t(`ui.outbox.states.${s}`) }))}
          />
        }
        rowActions={(m) => (
          <Button size="xs" variant="default" onClick={() => setOpen(m.id)}>
            {t('ui.outbox.view')}
          </Button>
        )}
        empty={{ title: t('ui.outbox.empty') }}
      />
      <OutboxMailModal id={open} onClose={() => setOpen(null)} />
    </>
  );
}

function InboundList() {
  const { t } = useTranslation(['mail', 'common']);
  const [page, setPage] = useState(1);
  const list = useInbound({ page, pageSize: PAGE_SIZE });
  const reprocess = useReprocessInbound();
  const columns: Column<InboundMail>[] = [
    { key: 'from', header: t('ui.inbound.from'), render: (m) => m.from ?? '—' },
    {
      key: 'subject',
      header: t('ui.inbound.subject'),
      render: (m) =>
        m.ticketId ? (
          <Anchor component={Link} to={`/console/tickets/${m.ticketId}`} size="sm">
            {m.subject || '—'}
          </Anchor>
        ) : (
          (m.subject ?? '—')
        ),
    },
    { key: 'status', header: t('ui.inbound.status'), render: (m) => <MailStatusBadge kind="inbound" status={m.status} /> },
    { key: 'reason', header: t('ui.inbound.reason'), render: (m) => (m.reason ? <Code>{m.reason}</Code> : null), visibleFrom: 'md' },
    { key: 'received', header: t('ui.inbound.received'), render: (m) => formatDateTime(m.receivedAt), visibleFrom: 'sm' },
  ];
  return (
    <DataTable
      caption={t('ui.inbound.caption')}
      columns={columns}
      rowKey={(m) => m.id}
      data={list.data}
      isLoading={list.isPending}
      isFetching={list.isFetching}
      error={list.error}
      onRetry={() => void list.refetch()}
      onPageChange={setPage}
      rowActions={(m) =>
        m.status === 'failed' ? (
          <Button
            size="xs"
            variant="default"
            loading={reprocess.isPending && reprocess.variables === m.id}
            onClick={() => reprocess.mutate(m.id, { onSuccess: () => notifySuccess(t('ui.inbound.reprocessed')) })}
          >
            {t('ui.inbound.reprocess')}
          </Button>
        ) : null
      }
      empty={{ title: t('ui.inbound.empty') }}
    />
  );
}
