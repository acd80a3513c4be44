import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { Contact } from '@porta/contracts/contacts';
import { LANGUAGE_NAMES } from '@porta/i18n/languages';
import { IconAddressBook } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { useContacts } from '../api';

interface ContactsTableProps {
  q?: string;
  customerId?: string;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  search?: { value: string; onChange: (value: string) => void };
  filters?: ReactNode;
  /** Inside a customer's page the customer column is redundant. */
  showCustomer?: boolean;
  empty: { title: string; description?: ReactNode; action?: ReactNode };
}

export function ContactsTable({ q, customerId, page, pageSize, onPageChange, search, filters, showCustomer = true, empty }: ContactsTableProps) {
  const { t } = useTranslation(['console', 'common']);
  const contacts = useContacts({ q, customerId, page, pageSize });

  const columns: Column<Contact>[] = [
    {
      key: 'name',
      header: t('contacts.list.columns.name'),
      render: (contact) => (
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/console/contacts/${contact.id}`} fw={600}>
              {contact.firstName} {contact.lastName}
            </Anchor>
            {contact.isPrimary && (
              <Badge size="xs" variant="light" color="grape">
                {t('contacts.primaryBadge')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" hiddenFrom="sm">
            {contact.email}
          </Text>
          {showCustomer && (
            <Text size="xs" c="dimmed" hiddenFrom="sm">
              {contact.customerName}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: 'email', header: t('contacts.list.columns.email'), render: (contact) => <Text size="sm">{contact.email}</Text>, visibleFrom: 'sm' },
    ...(showCustomer
      ? [
          {
            key: 'customer',
            header: t('contacts.list.columns.customer'),
            render: (contact: Contact) => (
              <Anchor component={Link} to={`/console/customers/${contact.customerId}`} size="sm" c="dimmed">
                {contact.customerName}
              </Anchor>
            ),
            visibleFrom: 'sm' as const,
          },
        ]
      : []),
    {
      key: 'username',
      header: t('contacts.list.columns.username'),
      render: (contact) => (
        <Text size="sm" ff="monospace">
          {contact.username}
        </Text>
      ),
      visibleFrom: 'md',
    },
    { key: 'language', header: t('contacts.list.columns.language'), render: (contact) => <Text size="sm">{LANGUAGE_NAMES[contact.language]}</Text>, visibleFrom: 'lg' },
  ];

  return (
    <DataTable
      caption={t('contacts.list.title')}
      columns={columns}
      rowKey={(contact) => contact.id}
      data={contacts.data}
      isLoading={contacts.isPending}
      isFetching={contacts.isPlaceholderData}
      error={contacts.error}
      onRetry={() => void contacts.refetch()}
      search={search && { ...search, label: t('contacts.list.searchLabel'), placeholder: t('contacts.list.searchPlaceholder') }}
      filters={filters}
      onPageChange={onPageChange}
      empty={{ ...empty, icon: <IconAddressBook size={28} aria-hidden /> }}
      minWidth={300}
    />
  );
}
