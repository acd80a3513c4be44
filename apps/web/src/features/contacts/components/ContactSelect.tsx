import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContact, useContacts } from '../api';

type ContactSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable'> & {
  value?: string | null;
  onChange?: (contactId: string | null) => void;
};

/** A searchable select of contacts ("Name · Company"), loading matches as the user types. */
export function ContactSelect({ value = null, onChange, ...props }: ContactSelectProps) {
  const { t } = useTranslation(['console', 'common']);
  const [search, setSearch] = useState('');
  const selected = useContact(value ?? '', Boolean(value));
  const selectedContact = value && selected.data?.contact.id === value ? selected.data.contact : undefined;
  const selectedLabel = selectedContact ? `${selectedContact.firstName} ${selectedContact.lastName} · ${selectedContact.customerName}` : undefined;
  const [debounced] = useDebouncedValue(search === selectedLabel ? '' : search.trim(), 250);
  const contacts = useContacts({ q: debounced || undefined, page: 1, pageSize: 50 });

  const options = new Map<string, string>();
  if (selectedLabel && value) options.set(value, selectedLabel);
  for (const contact of contacts.data?.items ?? []) options.set(contact.id, `${contact.firstName} ${contact.lastName} · ${contact.customerName}`);

  return (
    <Select
      {...props}
      data={[...options].map(([id, label]) => ({ value: id, label }))}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={contacts.isFetching ? t('contactSelect.loading') : t('contactSelect.nothingFound')}
      rightSection={contacts.isFetching ? <Loader size={14} /> : undefined}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
