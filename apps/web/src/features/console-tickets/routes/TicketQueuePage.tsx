import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import type { TicketSummary } from '@porta/contracts/tickets';
import { IconPlus, IconTicket } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TicketLink } from '../../../components/ui/TicketLink';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { OnboardingChecklist } from '../../onboarding/components/OnboardingChecklist';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { CustomerSelect } from '../../customers/components/CustomerSelect';
import { useTicketStatuses } from '../../ticket-settings/api';
import { BilledBadge, PriorityBadge, StatusBadge } from '../../tickets/components/TicketBadges';
import { priorityOptions, statusLabel, typeLabel, typeOptions } from '../../tickets/labels';
import { useTicketEvents } from '../../tickets/use-live-events';
import { CONSOLE_TICKET_EVENTS, refreshTicketLists, TICKET_SORTS, type TicketSort, useTickets } from '../api';
import { AssigneeSelect } from '../components/AssigneeSelect';

const FILTERS = ['status', 'customerId', 'assigneeId', 'priority', 'type', 'sort'] as const;
const isSort = (value: string | undefined): value is TicketSort => (TICKET_SORTS as readonly (string | undefined)[]).includes(value);

/** T-8: the technicians' queue; refreshes itself when tickets change (T-10). */
export function TicketQueuePage() {
  const { t } = useTranslation(['console', 'common']);
  const list = useListParams(FILTERS);
  const { status, customerId, assigneeId, priority, type } = list.filters;
  const sort: TicketSort = isSort(list.filters.sort) ? list.filters.sort : 'newest';
  const statuses = useTicketStatuses();
  const tickets = useTickets({ q: list.query || undefined, status, customerId, assigneeId, priority, type, sort, page: list.page, pageSize: list.pageSize });

  // Live: a burst of events (a reply and its status change) becomes one refetch.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useTicketEvents(CONSOLE_TICKET_EVENTS, () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void refreshTicketLists(), 400);
  });

  const columns: Column<TicketSummary>[] = [
    {
      key: 'subject',
      header: t('tickets.queue.columns.subject'),
      render: (ticket) => (
        <Stack gap={2}>
          <TicketLink to={`/console/tickets/${ticket.id}`} ticket={ticket} />
          <Text size="xs" c="dimmed">
            {ticket.requester.name} · {ticket.customer.name}
          </Text>
          <Group gap={6} hiddenFrom="md">
            <StatusBadge status={ticket.status} />
            {ticket.priority && <PriorityBadge priority={ticket.priority} />}
          </Group>
        </Stack>
      ),
    },
    {
      key: 'status',
      header: t('tickets.queue.columns.status'),
      render: (ticket) => (
        <Group gap={4}>
          <StatusBadge status={ticket.status} />
          {ticket.billed && <BilledBadge />}
        </Group>
      ),
      visibleFrom: 'md',
    },
    { key: 'priority', header: t('common:tickets.fields.priority'), render: (ticket) => ticket.priority && <PriorityBadge priority={ticket.priority} />, visibleFrom: 'md' },
    { key: 'type', header: t('common:tickets.fields.type'), render: (ticket) => ticket.type && <Text size="sm">{typeLabel(ticket.type)}</Text>, visibleFrom: 'lg' },
    {
      key: 'assignee',
      header: t('common:tickets.fields.assignee'),
      render: (ticket) => (
        <Text size="sm" c={ticket.assignee ? undefined : 'dimmed'}>
          {ticket.assignee?.name ?? t('common:tickets.unassigned')}
        </Text>
      ),
      visibleFrom: 'sm',
    },
    {
      key: 'updated',
      header: t('tickets.queue.columns.updated'),
      render: (ticket) => (
        <Stack gap={0}>
          <Text size="sm" c="dimmed" title={formatDateTime(ticket.updatedAt)}>
            {formatDate(ticket.updatedAt)}
          </Text>
          {ticket.dueAt && (
            <Text size="xs" c="dimmed">
              {t('tickets.queue.due', { date: formatDate(ticket.dueAt) })}
            </Text>
          )}
        </Stack>
      ),
      visibleFrom: 'lg',
    },
  ];

  const newButton = (
    <Button component={Link} to="/console/tickets/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('tickets.queue.new')}
    </Button>
  );
  const filtered = Boolean(status || customerId || assigneeId || priority || type);
  const filterStyle = { flex: '1 1 10rem' };

  return (
    <>
      <PageHeader
        title={t('tickets.queue.title')}
        description={
          <Group component="span" gap={6}>
            {t('tickets.queue.description')}
            <Badge size="xs" variant="dot" color="teal" c="var(--mantine-color-text)" tt="none">
              {t('tickets.queue.live')}
            </Badge>
          </Group>
        }
        documentTitle={t('tickets.queue.title')}
        actions={newButton}
      />
      <OnboardingChecklist />
      <DataTable
        caption={t('tickets.queue.title')}
        columns={columns}
        rowKey={(ticket) => ticket.id}
        data={tickets.data}
        isLoading={tickets.isPending}
        isFetching={tickets.isPlaceholderData}
        error={tickets.error}
        onRetry={() => void tickets.refetch()}
        minWidth={300}
        search={{ value: list.search, onChange: list.setSearch, label: t('tickets.queue.searchLabel'), placeholder: t('tickets.queue.searchPlaceholder') }}
        filters={
          <>
            <Select
              label={t('common:tickets.fields.status')}
              placeholder={t('tickets.queue.any')}
              data={(statuses.data?.items ?? []).map((s) => ({ value: s.key, label: statusLabel(s) }))}
              value={status ?? null}
              onChange={(value) => list.setFilter('status', value)}
              clearable
              style={filterStyle}
              comboboxProps={{ withinPortal: true }}
            />
            <CustomerSelect
              label={t('common:tickets.fields.customer')}
              placeholder={t('tickets.queue.any')}
              value={customerId ?? null}
              onChange={(id) => list.setFilter('customerId', id)}
              clearable
              style={{ flex: '1 1 12rem' }}
            />
            <AssigneeSelect
              label={t('common:tickets.fields.assignee')}
              placeholder={t('tickets.queue.any')}
              withNone
              value={assigneeId ?? null}
              onChange={(value) => list.setFilter('assigneeId', value)}
              clearable
              style={filterStyle}
            />
            <Select
              label={t('common:tickets.fields.priority')}
              placeholder={t('tickets.queue.any')}
              data={priorityOptions()}
              value={priority ?? null}
              onChange={(value) => list.setFilter('priority', value)}
              clearable
              style={filterStyle}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('common:tickets.fields.type')}
              placeholder={t('tickets.queue.any')}
              data={typeOptions()}
              value={type ?? null}
              onChange={(value) => list.setFilter('type', value)}
              clearable
              style={filterStyle}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('tickets.queue.sort')}
              data={TICKET_SORTS.map((value) => ({ value, label: t(`tickets.queue.sorts.${value}`) }))}
              value={sort}
              onChange={(value) => list.setFilter('sort', value === 'newest' ? null : value)}
              allowDeselect={false}
              style={filterStyle}
              comboboxProps={{ withinPortal: true }}
            />
          </>
        }
        onPageChange={list.setPage}
        empty={{
          icon: <IconTicket size={28} aria-hidden />,
          title: filtered ? t('tickets.queue.emptyFilteredTitle') : t('tickets.queue.emptyTitle'),
          description: filtered ? t('tickets.queue.emptyFilteredText') : t('tickets.queue.emptyText'),
          action: newButton,
        }}
      />
    </>
  );
}
