import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomer, useCustomers } from '../api';

type CustomerSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable'> & {
  value?: string | null;
  onChange?: (customerId: string | null) => void;
};

/** A searchable select of customers, loading matches from the server as the user types. */
export function CustomerSelect({ value = null, onChange, ...props }: CustomerSelectProps) {
  const { t } = useTranslation(['console', 'common']);
  const [search, setSearch] = useState('');
  const selected = useCustomer(value ?? '', Boolean(value));
  const selectedName = value && selected.data?.id === value ? selected.data.name : undefined;
  // Once a customer is picked the search box shows its name: list everyone again rather than that one match.
  const [debounced] = useDebouncedValue(search === selectedName ? '' : search.trim(), 250);
  const customers = useCustomers({ q: debounced || undefined, page: 1, pageSize: 50 });

  const options = new Map<string, string>();
  if (selectedName && value) options.set(value, selectedName);
  for (const customer of customers.data?.items ?? []) options.set(customer.id, customer.name);

  return (
    <Select
      {...props}
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={customers.isFetching ? t('customerSelect.loading') : t('customerSelect.nothingFound')}
      rightSection={customers.isFetching ? <Loader size={14} /> : undefined}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
