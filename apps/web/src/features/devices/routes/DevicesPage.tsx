import { Anchor, Button, Text } from '@mantine/core';
import type { DeviceSummary } from '@porta/contracts/devices';
import { IconDeviceDesktop, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useListParams } from '../../../lib/use-list-params';
import { useDevices } from '../api';
import { AddDeviceModal } from '../components/AddDeviceModal';
import { OnlineBadge } from '../components/OnlineBadge';

/** SS-2: every device of the tenant, with its state; "Add device" enrols new ones. */
export function DevicesPage() {
  const { t } = useTranslation(['devices', 'common']);
  const list = useListParams();
  const devices = useDevices({ q: list.query || undefined, page: list.page, pageSize: list.pageSize }, 15_000);
  const [adding, setAdding] = useState(false);

  const columns: Column<DeviceSummary>[] = [
    {
      key: 'hostname',
      header: t('list.columns.hostname'),
      render: (d) => (
        <Anchor component={Link} to={`/console/devices/${d.id}`} fw={600}>
          {d.hostname}
        </Anchor>
      ),
    },
    { key: 'state', header: t('list.columns.state'), render: (d) => <OnlineBadge online={d.online} lastSeenAt={d.lastSeenAt} revokedAt={d.revokedAt} /> },
    { key: 'os', header: t('list.columns.os'), render: (d) => <Text size="sm">{`${t(`os.${d.os}`)} ${d.osVersion}`}</Text>, visibleFrom: 'sm' },
    { key: 'user', header: t('list.columns.user'), render: (d) => <Text size="sm">{d.loggedInUser ?? '—'}</Text>, visibleFrom: 'md' },
    { key: 'customer', header: t('list.columns.customer'), render: (d) => <Anchor component={Link} to={`/console/customers/${d.customerId}`} size="sm">{d.customerName}</Anchor>, visibleFrom: 'sm' },
  ];

  const addButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
      {t('list.add')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('list.title')} description={t('list.description')} actions={addButton} />
      <DataTable
        caption={t('list.title')}
        columns={columns}
        rowKey={(d) => d.id}
        data={devices.data}
        isLoading={devices.isPending}
        isFetching={devices.isPlaceholderData}
        error={devices.error}
        onRetry={() => void devices.refetch()}
        minWidth={320}
        search={{ value: list.search, onChange: list.setSearch, label: t('list.searchLabel'), placeholder: t('list.searchPlaceholder') }}
        onPageChange={list.setPage}
        empty={{ icon: <IconDeviceDesktop size={28} aria-hidden />, title: t('list.emptyTitle'), description: t('list.emptyText'), action: addButton }}
      />
      <AddDeviceModal opened={adding} onClose={() => setAdding(false)} />
    </>
  );
}
