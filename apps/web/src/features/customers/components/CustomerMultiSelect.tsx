import { Loader, MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { customerSchema } from '@porta/contracts/customers';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../../lib/api-clients';
import { useCustomers } from '../api';

type CustomerMultiSelectProps = Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'searchable'> & {
  value: string[];
  onChange: (customerIds: string[]) => void;
};

/** Several customers, searched on the server; chosen ones keep their names even when not in the current matches. */
export function CustomerMultiSelect({ value, onChange, ...props }: CustomerMultiSelectProps) {
  const { t } = useTranslation(['console', 'common']);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const customers = useCustomers({ q: debounced || undefined, page: 1, pageSize: 50 });
  const found = new Map((customers.data?.items ?? []).map((customer) => [customer.id, customer.name]));
  const missing = value.filter((id) => !found.has(id));
  const chosen = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['console', 'customers', 'detail', id],
      queryFn: () => consoleApi.get(`/api/v1/customers/${encodeURIComponent(id)}`, customerSchema),
      staleTime: 60_000,
    })),
  });
  const options = new Map<string, string>();
  missing.forEach((id, index) => options.set(id, chosen[index]?.data?.name ?? t('customerSelect.loading')));
  for (const [id, name] of found) options.set(id, name);

  return (
    <MultiSelect
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
