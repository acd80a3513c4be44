import { Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { z } from 'zod';
import type { auditEntrySchema } from '@porta/contracts/self-service';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { useAuditLog } from '../api';
import { AuditEventBadge } from '../components/AuditEventBadge';
import { ChainStatus } from '../components/ChainStatus';
import { AUDIT_EVENTS, describeData, eventKey } from '../events';

type Entry = z.infer<typeof auditEntrySchema>;
const PAGE_SIZE = 25;

/** SS-7: the tenant's audit log for technicians: every step of every self-service action. */
export function AuditLogPage() {
  const { t } = useTranslation('devices');
  const [event, setEvent] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [page, setPage] = useState(1);
  // Typing a reference asks once the typing pauses, not once per key.
  const [subjectQuery] = useDebouncedValue(subject.trim(), 300);
  const list = useAuditLog({ ...(event && { event }), ...(subjectQuery && { subject: subjectQuery }), page, pageSize: PAGE_SIZE });

  const columns: Column<Entry>[] = [
    { key: 'seq', header: t('audit.columns.seq'), render: (e) => <Text size="sm" c="dimmed">{e.seq}</Text>, width: 60 },
    { key: 'at', header: t('audit.columns.at'), render: (e) => <Text size="sm">{formatDateTime(e.at)}</Text> },
    { key: 'event', header: t('audit.columns.event'), render: (e) => <AuditEventBadge event={e.event} />, width: 180 },
    { key: 'actor', header: t('audit.columns.actor'), render: (e) => <Reference label={e.actorLabel} reference={e.actor} />, visibleFrom: 'md' },
    { key: 'subject', header: t('audit.columns.subject'), render: (e) => <Reference label={e.subjectLabel} reference={e.subject} />, visibleFrom: 'sm' },
    { key: 'data', header: t('audit.columns.details'), render: (e) => <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{describeData(e.data)}</Text>, visibleFrom: 'lg' },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} actions={<ChainStatus />} />
      <DataTable
        caption={t('audit.title')}
        columns={columns}
        rowKey={(e) => String(e.seq)}
        data={list.data}
        isLoading={list.isPending}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => void list.refetch()}
        onPageChange={setPage}
        minWidth={420}
        filters={
          <>
            <Select
              label={t('audit.filters.event')}
              placeholder={t('audit.filters.all')}
              clearable
              w={240}
              value={event}
              onChange={(v) => {
                setEvent(v);
                setPage(1);
              }}
              data={AUDIT_EVENTS.map((e) => ({ value: e, label: t(`audit.events.${eventKey(e)}`) }))}
            />
            <TextInput
              label={t('audit.filters.subject')}
              description={t('audit.filters.subjectHint')}
              placeholder="device:…"
              w={300}
              maxLength={200}
              value={subject}
              onChange={(e) => {
                setSubject(e.currentTarget.value);
                setPage(1);
              }}
            />
          </>
        }
        empty={{ icon: <IconHistory size={28} aria-hidden />, title: t('audit.emptyTitle'), description: t('audit.emptyText') }}
      />
    </>
  );
}

/** A name when the row behind a reference still exists, with the reference itself (what the subject filter takes) beneath. */
function Reference({ label, reference }: { label: string | null; reference: string }) {
  return (
    <Stack gap={0}>
      {label && <Text size="sm">{label}</Text>}
      <Text size="xs" c={label ? 'dimmed' : undefined} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {reference}
      </Text>
    </Stack>
  );
}
