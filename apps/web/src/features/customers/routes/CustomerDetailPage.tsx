import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { DetailError } from '../../../components/ui/DetailError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { formatDate } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { ContactsTable } from '../../contacts/components/ContactsTable';
import { CustomerActionPolicies } from '../../self-service-settings/components/CustomerActionPolicies';
import { useCustomer } from '../api';
import { CustomerFormModal } from '../components/CustomerFormModal';
import { DeleteCustomerModal } from '../components/DeleteCustomerModal';
import { DomainBadges } from '../components/DomainBadges';

export function CustomerDetailPage() {
  const { t } = useTranslation(['console', 'common']);
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const customer = useCustomer(id);
  const list = useListParams();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const back = <BackLink to="/console/customers" label={t('customers.detail.back')} />;

  if (customer.isPending) return <LoadingState />;
  if (customer.isError) {
    return <DetailError error={customer.error} back={{ to: '/console/customers', label: t('customers.detail.back') }} title={t('customers.detail.errorTitle')} onRetry={() => void customer.refetch()} />;
  }

  const data = customer.data;
  const addContact = (
    <Button component={Link} to={`/console/contacts/new?customerId=${data.id}`} leftSection={<IconPlus size={16} aria-hidden />}>
      {t('customers.detail.addContact')}
    </Button>
  );

  return (
    <Stack gap="lg">
      <PageHeader
        above={back}
        title={data.name}
        description={t('customers.detail.created', { date: formatDate(data.createdAt) })}
        actions={
          <>
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
              {t('common:actions.edit')}
            </Button>
            <Button variant="light" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setDeleting(true)}>
              {t('common:actions.delete')}
            </Button>
          </>
        }
      />
      <SectionCard title={t('customers.detail.domainsTitle')} description={t('customers.detail.domainsText')}>
        <DomainBadges domains={data.domains} max={50} />
      </SectionCard>
      <SectionCard
        title={t('customers.detail.contactsTitle')}
        aside={
          <Group gap="sm">
            <Text size="sm" c="dimmed">
              {t('customers.detail.contactCount', { count: data.contactCount })}
            </Text>
            {addContact}
          </Group>
        }
      >
        <ContactsTable
          customerId={data.id}
          q={list.query || undefined}
          page={list.page}
          pageSize={list.pageSize}
          onPageChange={list.setPage}
          search={data.contactCount > 0 || list.query ? { value: list.search, onChange: list.setSearch } : undefined}
          showCustomer={false}
          empty={{ title: t('customers.detail.contactsEmptyTitle'), description: t('customers.detail.contactsEmptyText', { name: data.name }), action: addContact }}
        />
      </SectionCard>
      <CustomerActionPolicies customerId={data.id} />
      <CustomerFormModal opened={editing} customer={data} onClose={() => setEditing(false)} />
      <DeleteCustomerModal customer={deleting ? data : null} onClose={() => setDeleting(false)} onDeleted={() => void navigate('/console/customers', { replace: true })} />
    </Stack>
  );
}
