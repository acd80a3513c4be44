import { Alert, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IMPORT_MAX_REPORTED_ERRORS, type ImportReport } from '@porta/contracts/imports';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const COUNTS = [
  ['create', 'green'],
  ['update', 'blue'],
  ['skip', 'gray'],
  ['error', 'red'],
] as const;

/** A dry run's counts and, when rows have errors, the list of them. */
export function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation('console');
  const { counts } = report;
  return (
    <Stack gap="sm" data-testid="import-report">
      <Group gap="xs">
        {COUNTS.map(([key, color]) => (
          <Paper key={key} withBorder px="sm" py={4} radius="sm" style={{ borderLeft: `4px solid var(--mantine-color-${counts.error > 0 || key !== 'error' ? color : 'gray'}-7)` }}>
            <Text size="sm" fw={600}>{`${t(`imports.counts.${key}`)}: ${counts[key]}`}</Text>
          </Paper>
        ))}
      </Group>
      {counts.error === 0 ? (
        <Alert color="green" variant="light" icon={<IconCircleCheck size={18} aria-hidden />}>
          {t('imports.ready')}
        </Alert>
      ) : (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('imports.errors.title')}>
          <Stack gap="xs">
            <Text size="sm">{t('imports.errors.text')}</Text>
            {report.errors.length >= IMPORT_MAX_REPORTED_ERRORS && <Text size="sm">{t('imports.errors.more', { shown: report.errors.length })}</Text>}
            <Table.ScrollContainer minWidth={360} mah={320}>
              <Table verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('imports.errors.row')}</Table.Th>
                    <Table.Th>{t('imports.errors.field')}</Table.Th>
                    <Table.Th>{t('imports.errors.problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.errors.map((e) => (
                    <Table.Tr key={`${e.row}-${e.field}`}>
                      <Table.Td>{e.row}</Table.Td>
                      <Table.Td>{t(`imports.fields.${e.field}`, { defaultValue: e.field })}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
