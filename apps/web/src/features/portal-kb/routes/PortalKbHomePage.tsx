import { Card, Group, Loader, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFolder, IconSearch, IconSearchOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { MIN_QUERY, usePortalKbCategories, usePortalKbList, usePortalKbSearch } from '../api';
import { KbArticleList } from '../components/KbArticleList';

/** KB-1, KB-3: search box (ranked, highlighted, in the contact's language), categories and most-read articles. */
export function PortalKbHomePage() {
  const { t } = useTranslation('kb');
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  useEffect(() => {
    setParams(debounced ? { q: debounced } : {}, { replace: true });
  }, [debounced, setParams]);
  const searching = debounced.length >= MIN_QUERY;

  return (
    <>
      <PageHeader title={t('portal.title')} description={t('portal.description')} />
      <Stack gap="xl">
        <TextInput
          size="lg"
          type="search"
          label={t('portal.searchLabel')}
          placeholder={t('portal.searchPlaceholder')}
          leftSection={<IconSearch size={18} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maxLength={200}
          autoFocus
        />
        {searching ? <SearchResults q={debounced} /> : <Browse />}
      </Stack>
    </>
  );
}

function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation('kb');
  const results = usePortalKbSearch(q);
  if (results.isPending) return <LoadingState />;
  if (results.isError) return <ErrorState error={results.error} onRetry={() => void results.refetch()} />;
  if (results.data.items.length === 0) return <EmptyState icon={<IconSearchOff size={28} aria-hidden />} title={t('portal.noResultsTitle')} description={t('portal.noResultsText', { q })} />;
  return (
    <Stack gap="sm" aria-live="polite">
      <Group gap="xs">
        <Title order={2} size="h4">
          {t('portal.resultsTitle', { count: results.data.items.length })}
        </Title>
        {results.isPlaceholderData && <Loader size="xs" aria-hidden />}
      </Group>
      {results.data.corrected && (
        <Text size="sm" data-testid="kb-corrected">
          {t('portal.showingResultsFor')} <strong>{results.data.corrected}</strong>
        </Text>
      )}
      <KbArticleList items={results.data.items} label={t('portal.resultsLabel')} />
    </Stack>
  );
}

function Browse() {
  const { t } = useTranslation('kb');
  const categories = usePortalKbCategories();
  const popular = usePortalKbList({ sort: 'popular', limit: 6 });
  if (categories.isPending || popular.isPending) return <LoadingState />;
  if (categories.isError) return <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />;
  if (popular.isError) return <ErrorState error={popular.error} onRetry={() => void popular.refetch()} />;
  if (popular.data.items.length === 0) return <EmptyState title={t('portal.emptyTitle')} description={t('portal.emptyText')} />;
  return (
    <>
      {categories.data.items.length > 0 && (
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('portal.categoriesTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
            {categories.data.items.map((c) => (
              <Card key={c.id} component={Link} to={`/kb/categories/${c.id}`} withBorder radius="md" p="md" className="hover-card">
                <Group wrap="nowrap">
                  <ThemeIcon variant="light" color="teal" size="lg" radius="md" aria-hidden>
                    <IconFolder size={18} />
                  </ThemeIcon>
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={600} truncate>
                      {c.name}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('portal.articleCount', { count: c.articleCount })}
                    </Text>
                  </Stack>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('portal.popularTitle')}
        </Title>
        <KbArticleList items={popular.data.items} label={t('portal.popularTitle')} />
      </Stack>
    </>
  );
}
