import { Anchor, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import type { KbArticleSummary } from '@porta/contracts/kb';
import { IconBook2, IconCategory, IconLock, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useListParams } from '../../../lib/use-list-params';
import { useKbArticles, useKbCategories } from '../api';
import { KbStatusBadge } from '../components/KbStatusBadge';
import { languageOptions } from '../labels';

const FILTERS = ['categoryId', 'language', 'status'] as const;

/** KB-1: the technicians' article list with filters (category, language, status) and search. */
export function KbArticlesPage() {
  const { t } = useTranslation(['kb', 'common']);
  const list = useListParams(FILTERS);
  const { categoryId, language, status } = list.filters;
  const categories = useKbCategories();
  const articles = useKbArticles({ q: list.query || undefined, categoryId, language, status, page: list.page, pageSize: list.pageSize });
  const filterStyle = { flex: '1 1 10rem' };

  const columns: Column<KbArticleSummary>[] = [
    {
      key: 'title',
      header: t('console.columns.title'),
      render: (a) => (
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/console/kb/${a.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
              {a.title}
            </Anchor>
            {a.restricted && <IconLock size={14} aria-label={t('console.restricted')} />}
          </Group>
          <Group gap={4}>
            {a.languages.map((l) => (
              <Badge key={l} size="xs" variant="outline" tt="uppercase">
                {l}
              </Badge>
            ))}
            {a.tags.map((tag) => (
              <Badge key={tag} size="xs" variant="light" color="gray" tt="none" c="var(--mantine-color-text)">
                {tag}
              </Badge>
            ))}
          </Group>
        </Stack>
      ),
    },
    { key: 'status', header: t('console.columns.status'), render: (a) => <KbStatusBadge status={a.status} /> },
    { key: 'category', header: t('console.columns.category'), render: (a) => <Text size="sm">{a.category?.name ?? '—'}</Text>, visibleFrom: 'md' },
    { key: 'author', header: t('console.columns.author'), render: (a) => <Text size="sm">{a.author?.name ?? '—'}</Text>, visibleFrom: 'lg' },
    { key: 'views', header: t('console.columns.views'), render: (a) => <Text size="sm">{a.viewCount}</Text>, visibleFrom: 'lg' },
    {
      key: 'updated',
      header: t('console.columns.updated'),
      render: (a) => (
        <Text size="sm" c="dimmed" title={formatDateTime(a.updatedAt)}>
          {formatDate(a.updatedAt)}
        </Text>
      ),
      visibleFrom: 'sm',
    },
  ];

  const newButton = (
    <Button component={Link} to="/console/kb/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('console.new')}
    </Button>
  );
  const filtered = Boolean(categoryId || language || status);

  return (
    <>
      <PageHeader
        title={t('console.title')}
        description={t('console.description')}
        actions={
          <>
            <Button component={Link} to="/console/kb/categories" variant="default" leftSection={<IconCategory size={16} aria-hidden />}>
              {t('categories.title')}
            </Button>
            {newButton}
          </>
        }
      />
      <DataTable
        caption={t('console.title')}
        columns={columns}
        rowKey={(a) => a.id}
        data={articles.data}
        isLoading={articles.isPending}
        isFetching={articles.isPlaceholderData}
        error={articles.error}
        onRetry={() => void articles.refetch()}
        minWidth={300}
        search={{ value: list.search, onChange: list.setSearch, label: t('console.searchLabel'), placeholder: t('console.searchPlaceholder') }}
        filters={
          <>
            <Select
              label={t('console.columns.category')}
              placeholder={t('console.any')}
              data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={categoryId ?? null}
              onChange={(value) => list.setFilter('categoryId', value)}
              clearable
              style={filterStyle}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('console.language')}
              placeholder={t('console.any')}
              data={languageOptions()}
              value={language ?? null}
              onChange={(value) => list.setFilter('language', value)}
              clearable
              style={filterStyle}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('console.columns.status')}
              placeholder={t('console.any')}
              data={(['draft', 'published'] as const).map((value) => ({ value, label: t(`status.${value}`) }))}
              value={status ?? null}
              onChange={(value) => list.setFilter('status', value)}
              clearable
              style={filterStyle}
              comboboxProps={{ withinPortal: true }}
            />
          </>
        }
        onPageChange={list.setPage}
        empty={{
          icon: <IconBook2 size={28} aria-hidden />,
          title: filtered ? t('console.emptyFilteredTitle') : t('console.emptyTitle'),
          description: filtered ? t('console.emptyFilteredText') : t('console.emptyText'),
          action: newButton,
        }}
      />
    </>
  );
}
