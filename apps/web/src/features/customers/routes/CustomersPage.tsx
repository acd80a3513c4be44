import { Anchor, Button, Text } from '@mantine/core';
import type { Customer } from '@porta/contracts/customers';
import { IconBuildingSkyscraper, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { RowActions } from '../../../components/ui/RowActions';
import { formatDate } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { useCustomers } from '../api';
import { CustomerFormModal } from '../components/CustomerFormModal';
import { DeleteCustomerModal } from '../components/DeleteCustomerModal';
import { DomainBadges } from '../components/DomainBadges';
import { ImportCsvButton } from '../../imports/components/ImportCsvButton';

export function CustomersPage() {
  const { t } = useTranslation(['console', 'common']);
  const list = useListParams();
  const customers = useCustomers({ q: list.query || undefined, page: list.page, pageSize: list.pageSize });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Customer | null>(null);
  const [deleting, setDeleting] = useState<Customer | null>(null);

  const columns: Column<Customer>[] = [
    {
      key: 'name',
      header: t('customers.list.columns.name'),
      render: (customer) => (
        <Anchor component={Link} to={`/console/customers/${customer.id}`} fw={600}>
          {customer.name}
        </Anchor>
      ),
    },
    { key: 'domains', header: t('customers.list.columns.domains'), render: (customer) => <DomainBadges domains={customer.domains} />, visibleFrom: 'sm' },
    { key: 'contacts', header: t('customers.list.columns.contacts'), render: (customer) => <Text size="sm">{customer.contactCount}</Text>, width: 110 },
    {
      key: 'updated',
      header: t('customers.list.columns.updated'),
      render: (customer) => (
        <Text size="sm" c="dimmed">
          {formatDate(customer.updatedAt)}
        </Text>
      ),
      visibleFrom: 'md',
    },
  ];

  const newButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {t('customers.list.new')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('customers.list.title')}
        description={t('customers.list.description')}
        actions={
          <>
            <ImportCsvButton kind="customers" />
            {newButton}
          </>
        }
      />
      <DataTable
        caption={t('customers.list.title')}
        columns={columns}
        rowKey={(customer) => customer.id}
        data={customers.data}
        isLoading={customers.isPending}
        isFetching={customers.isPlaceholderData}
        error={customers.error}
        onRetry={() => void customers.refetch()}
        minWidth={300}
        search={{ value: list.search, onChange: list.setSearch, label: t('customers.list.searchLabel'), placeholder: t('customers.list.searchPlaceholder') }}
        onPageChange={list.setPage}
        empty={{
          icon: <IconBuildingSkyscraper size={28} aria-hidden />,
          title: t('customers.list.emptyTitle'),
          description: t('customers.list.emptyText'),
          action: newButton,
        }}
        rowActions={(customer) => (
          <RowActions
            subject={customer.name}
            actions={[
              { label: t('common:actions.edit'), icon: <IconPencil size={16} aria-hidden />, onClick: () => setEditing(customer) },
              { label: t('common:actions.delete'), icon: <IconTrash size={16} aria-hidden />, onClick: () => setDeleting(customer), danger: true },
            ]}
          />
        )}
      />
      <CustomerFormModal opened={creating} onClose={() => setCreating(false)} />
      <CustomerFormModal opened={editing !== null} customer={editing ?? undefined} onClose={() => setEditing(null)} />
      <DeleteCustomerModal customer={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
