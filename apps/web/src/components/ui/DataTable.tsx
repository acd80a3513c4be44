import { Button, CloseButton, Group, LoadingOverlay, Pagination, Paper, Stack, Table, Text, TextInput, VisuallyHidden, type MantineBreakpoint } from '@mantine/core';
import { IconSearch, IconSearchOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { LoadingState } from './LoadingState';
import { pagerOf } from './pager';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** Hide the column below this breakpoint to keep phones readable. */
  visibleFrom?: MantineBreakpoint;
  width?: number | string;
}

export interface PageData<T> {
  items: T[];
  total?: number;
  /** false: `total` is a lower bound (the server counted that far; there are more). */
  totalExact?: boolean;
  page?: number;
  pageSize?: number;
}

interface DataTableProps<T> {
  /** Accessible name of the table. */
  caption: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  data: PageData<T> | undefined;
  isLoading: boolean;
  isFetching?: boolean;
  error: unknown;
  onRetry: () => void;
  search?: { value: string; onChange: (value: string) => void; label: string; placeholder?: string };
  /** Extra filters shown beside the search box. */
  filters?: ReactNode;
  onPageChange?: (page: number) => void;
  empty: { title: string; description?: ReactNode; action?: ReactNode; icon?: ReactNode };
  /** Buttons or menu at the end of each row. */
  rowActions?: (row: T) => ReactNode;
  minWidth?: number;
}

/** A list with search, filters, pagination and loading, empty and error states. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { t } = useTranslation();
  const { caption, columns, rowKey, data, isLoading, isFetching, error, onRetry, search, filters, onPageChange, empty, rowActions, minWidth = 640 } = props;
  const searching = Boolean(search?.value.trim());

  return (
    <Stack gap="md">
      {(search || filters) && (
        <Group gap="sm" align="flex-end" wrap="wrap">
          {search && (
            <TextInput
              style={{ flex: '1 1 16rem' }}
              label={search.label}
              placeholder={search.placeholder}
              value={search.value}
              onChange={(event) => search.onChange(event.currentTarget.value)}
              leftSection={<IconSearch size={16} aria-hidden />}
              rightSection={
                search.value ? <CloseButton aria-label={t('actions.clearSearch')} onClick={() => search.onChange('')} /> : null
              }
              type="search"
            />
          )}
          {filters}
        </Group>
      )}
      <Paper withBorder radius="md" pos="relative">
        {renderBody()}
      </Paper>
      {renderFooter()}
    </Stack>
  );

  function renderBody() {
    if (isLoading) return <LoadingState />;
    if (error && !data) return <ErrorState error={error} onRetry={onRetry} />;
    if (!data || data.items.length === 0) {
      if (searching && search) {
        return (
          <EmptyState
            icon={<IconSearchOff size={28} aria-hidden />}
            title={t('states.noResultsTitle')}
            description={t('states.noResultsText', { query: search.value.trim() })}
            action={
              <Button variant="light" onClick={() => search.onChange('')}>
                {t('actions.clearSearch')}
              </Button>
            }
          />
        );
      }
      return <EmptyState title={empty.title} description={empty.description} icon={empty.icon} action={empty.action} />;
    }
    return (
      <>
        <LoadingOverlay visible={Boolean(isFetching)} overlayProps={{ blur: 0, backgroundOpacity: 0.4 }} loaderProps={{ size: 'sm' }} />
        <Table.ScrollContainer minWidth={minWidth} type="native">
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={caption}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.key} visibleFrom={column.visibleFrom} w={column.width}>
                    {column.header}
                  </Table.Th>
                ))}
                {rowActions && (
                  <Table.Th w={64}>
                    <VisuallyHidden>{t('table.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <Table.Td key={column.key} visibleFrom={column.visibleFrom}>
                      {column.render(row)}
                    </Table.Td>
                  ))}
                  {rowActions && <Table.Td ta="right">{rowActions(row)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </>
    );
  }

  function renderFooter() {
    const pager = pagerOf(data);
    if (!pager) return null;
    const { pages, page } = pager;
    return (
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {t(pager.label, { from: pager.from, to: pager.to, total: pager.total })}
        </Text>
        {pages > 1 && onPageChange && (
          <Pagination
            total={pages}
            value={page}
            onChange={onPageChange}
            size="sm"
            siblings={1}
            boundaries={1}
            aria-label={t('table.pagination')}
            getItemProps={(item) => ({ 'aria-label': t('table.page', { page: item }) })}
            getControlProps={(control) => ({ 'aria-label': t(`table.${control}Page`) })}
          />
        )}
      </Group>
    );
  }
}
