import { Badge, NativeSelect, Table } from '@mantine/core';
import { IMPORT_FIELDS, IMPORT_REQUIRED_FIELDS, type ImportKind, type ImportMapping } from '@porta/contracts/imports';
import { useTranslation } from 'react-i18next';

interface MappingTableProps {
  kind: ImportKind;
  headers: string[];
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}

/** Which column of the file feeds each field: one select per field, "Not imported" by default. */
export function MappingTable({ kind, headers, mapping, onChange }: MappingTableProps) {
  const { t } = useTranslation('console');
  const options = [{ value: '', label: t('imports.mapping.notImported') }, ...headers.map((h, i) => ({ value: String(i), label: h || `#${i + 1}` }))];
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.mapping.field')}</Table.Th>
            <Table.Th>{t('imports.mapping.column')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {IMPORT_FIELDS[kind].map((field) => {
            const required = IMPORT_REQUIRED_FIELDS[kind].includes(field);
            const label = t(`imports.fields.${field}`);
            return (
              <Table.Tr key={field}>
                <Table.Td>
                  {label}{' '}
                  {required && (
                    <Badge size="xs" variant="light" ml={4}>
                      {t('imports.mapping.required')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={`${t('imports.mapping.column')}: ${label}`}
                    data={options}
                    value={mapping[field] === undefined ? '' : String(mapping[field])}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      const next = { ...mapping };
                      if (value === '') delete next[field];
                      else next[field] = Number(value);
                      onChange(next);
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
