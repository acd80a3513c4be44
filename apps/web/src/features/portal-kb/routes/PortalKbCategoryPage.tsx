import { IconFolderOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { usePortalKbCategories, usePortalKbList } from '../api';
import { KbArticleList } from '../components/KbArticleList';

/** KB-1: one category's articles, by title. */
export function PortalKbCategoryPage() {
  const { t } = useTranslation('kb');
  const { id = '' } = useParams();
  const categories = usePortalKbCategories();
  const articles = usePortalKbList({ categoryId: id, limit: 50 });
  const name = categories.data?.items.find((c) => c.id === id)?.name;
  const back = <BackLink to="/kb" label={t('portal.title')} />;
  if (categories.isPending || articles.isPending) return <LoadingState />;
  if (articles.isError) return <ErrorState error={articles.error} onRetry={() => void articles.refetch()} />;
  if (!name || articles.data.items.length === 0) {
    return (
      <>
        <PageHeader above={back} title={t('portal.categoryMissingTitle')} />
        <EmptyState icon={<IconFolderOff size={28} aria-hidden />} title={t('portal.categoryMissingTitle')} description={t('portal.categoryMissingText')} />
      </>
    );
  }
  return (
    <>
      <PageHeader above={back} title={name} />
      <KbArticleList items={articles.data.items} label={name} />
    </>
  );
}
