import { Table, Text } from '@mantine/core';
import { IMPORT_FIELDS, type ImportKind, type ImportMapping, type ImportRowError } from '@porta/contracts/imports';
import { useTranslation } from 'react-i18next';

interface PreviewTableProps {
  kind: ImportKind;
  sample: string[][];
  mapping: ImportMapping;
  /** The dry run's errors: their cells are marked and explained. */
  errors: ImportRowError[];
}

/** The file's first rows as the mapped fields, with the dry run's errors on their cells. */
export function PreviewTable({ kind, sample, mapping, errors }: PreviewTableProps) {
  const { t } = useTranslation('console');
  const fields = IMPORT_FIELDS[kind].filter((f) => mapping[f] !== undefined);
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped withTableBorder verticalSpacing={6} fz="sm">
        <Table.Caption>{t('imports.preview.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.preview.row')}</Table.Th>
            {fields.map((f) => (
              <Table.Th scope="col" key={f}>
                {t(`imports.fields.${f}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sample.map((cells, index) => {
            // The preview rows are the file's first lines; the header is row 1.
            const row = index + 2;
            const rowErrors = errors.filter((e) => e.row === row);
            return (
              <Table.Tr key={row} data-row={row} aria-invalid={rowErrors.length > 0 || undefined}>
                <Table.Th scope="row">{row}</Table.Th>
                {fields.map((f) => {
                  const problem = rowErrors.find((e) => e.field === f);
                  const column = mapping[f];
                  return (
                    <Table.Td key={f} style={problem ? { background: 'var(--mantine-color-red-light)' } : undefined}>
                      {column === undefined ? '' : cells[column]}
                      {problem && (
                        <Text size="xs" c="red.9" fw={600}>
                          {problem.message}
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
