import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useListParams } from '../../../lib/use-list-params';
import { CustomerSelect } from '../../customers/components/CustomerSelect';
import { ContactsTable } from '../components/ContactsTable';
import { ImportCsvButton } from '../../imports/components/ImportCsvButton';

const FILTERS = ['customerId'] as const;

export function ContactsPage() {
  const { t } = useTranslation(['console', 'common']);
  const list = useListParams(FILTERS);
  const customerId = list.filters.customerId;
  const newHref = customerId ? `/console/contacts/new?customerId=${encodeURIComponent(customerId)}` : '/console/contacts/new';

  const newButton = (
    <Button component={Link} to={newHref} leftSection={<IconPlus size={16} aria-hidden />}>
      {t('contacts.list.new')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('contacts.list.title')}
        description={t('contacts.list.description')}
        actions={
          <>
            <ImportCsvButton kind="contacts" />
            {newButton}
          </>
        }
      />
      <ContactsTable
        q={list.query || undefined}
        customerId={customerId}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        search={{ value: list.search, onChange: list.setSearch }}
        filters={
          <CustomerSelect
            label={t('contacts.list.filterCustomer')}
            placeholder={t('contacts.list.allCustomers')}
            value={customerId ?? null}
            onChange={(id) => list.setFilter('customerId', id)}
            clearable
            style={{ flex: '1 1 14rem' }}
          />
        }
        empty={
          customerId
            ? { title: t('contacts.list.emptyFilteredTitle'), description: t('contacts.list.emptyFilteredText'), action: newButton }
            : { title: t('contacts.list.emptyTitle'), description: t('contacts.list.emptyText'), action: newButton }
        }
      />
    </>
  );
}
