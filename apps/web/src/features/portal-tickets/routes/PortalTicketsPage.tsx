import { Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { TicketSummary } from '@porta/contracts/tickets';
import { IconTicket } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TicketLink } from '../../../components/ui/TicketLink';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { formatDate } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { NewTicketButton } from '../../portal-assistant/components/NewTicketButton';
import { useContact } from '../../portal-auth/contact-context';
import { statusLabel } from '../../tickets/labels';
import { PriorityBadge, StatusBadge } from '../../tickets/components/TicketBadges';
import { usePortalTicketForm, usePortalTickets } from '../api';

const FILTERS = ['status', 'scope'] as const;

export function PortalTicketsPage() {
  const { t } = useTranslation(['portal', 'common']);
  const me = useContact();
  const list = useListParams(FILTERS);
  const scopeLabelId = useId();
  const scope = me.isPrimary && list.filters.scope === 'company' ? 'company' : 'mine';
  const status = list.filters.status;
  const form = usePortalTicketForm();
  const tickets = usePortalTickets({ scope, status, q: list.query || undefined, page: list.page, pageSize: list.pageSize });
  const statuses = form.data?.statuses ?? [];
  const showPriority = Boolean(form.data?.fields.some((field) => field.key === 'priority' && field.kind === 'default'));

  const columns: Column<TicketSummary>[] = [
    {
      key: 'subject',
      header: t('tickets.list.columns.subject'),
      render: (ticket) => (
        <Stack gap={2}>
          <TicketLink to={`/tickets/${ticket.id}`} ticket={ticket} />
          {scope === 'company' && (
            <Text size="xs" c="dimmed">
              {t('tickets.list.requestedBy', { name: ticket.requester.name })}
            </Text>
          )}
          <Group gap={6} hiddenFrom="sm">
            <StatusBadge status={ticket.status} />
          </Group>
        </Stack>
      ),
    },
    { key: 'status', header: t('tickets.list.columns.status'), render: (ticket) => <StatusBadge status={ticket.status} />, visibleFrom: 'sm' },
    ...(showPriority
      ? [{ key: 'priority', header: t('common:tickets.fields.priority'), render: (ticket: TicketSummary) => (ticket.priority ? <PriorityBadge priority={ticket.priority} /> : null), visibleFrom: 'md' as const }]
      : []),
    {
      key: 'updated',
      header: t('tickets.list.columns.updated'),
      render: (ticket) => (
        <Text size="sm" c="dimmed">
          {formatDate(ticket.updatedAt)}
        </Text>
      ),
      visibleFrom: 'sm',
    },
  ];

  // AI-4: with manual ticket creation off, the button sends the contact to the assistant.
  const newButton = <NewTicketButton label={t('tickets.list.new')} />;
  const filtered = Boolean(status) || scope === 'company';

  return (
    <>
      <PageHeader title={t('tickets.list.title')} description={t('tickets.list.description')} actions={newButton} />
      <DataTable
        caption={t('tickets.list.title')}
        columns={columns}
        rowKey={(ticket) => ticket.id}
        data={tickets.data}
        isLoading={tickets.isPending}
        isFetching={tickets.isPlaceholderData}
        error={tickets.error}
        onRetry={() => void tickets.refetch()}
        minWidth={280}
        search={{ value: list.search, onChange: list.setSearch, label: t('tickets.list.searchLabel'), placeholder: t('tickets.list.searchPlaceholder') }}
        filters={
          <>
            <Select
              label={t('tickets.list.statusFilter')}
              placeholder={t('tickets.list.allStatuses')}
              data={statuses.map((s) => ({ value: s.key, label: statusLabel(s) }))}
              value={status ?? null}
              onChange={(value) => list.setFilter('status', value)}
              clearable
              style={{ flex: '0 1 12rem' }}
              comboboxProps={{ withinPortal: true }}
            />
            {me.isPrimary && (
              <Stack gap={4}>
                <Text id={scopeLabelId} size="sm" fw={500}>
                  {t('tickets.list.scopeLabel')}
                </Text>
                <SegmentedControl
                  aria-labelledby={scopeLabelId}
                  value={scope}
                  onChange={(value) => list.setFilter('scope', value === 'company' ? 'company' : null)}
                  data={[
                    { value: 'mine', label: t('tickets.list.scopeMine') },
                    { value: 'company', label: t('tickets.list.scopeCompany', { customer: me.customer.name }) },
                  ]}
                />
              </Stack>
            )}
          </>
        }
        onPageChange={list.setPage}
        empty={{
          icon: <IconTicket size={28} aria-hidden />,
          title: filtered ? t('tickets.list.emptyFilteredTitle') : t('tickets.list.emptyTitle'),
          description: filtered ? t('tickets.list.emptyFilteredText') : t('tickets.list.emptyText'),
          action: newButton,
        }}
      />
    </>
  );
}
