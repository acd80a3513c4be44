import { Button } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/ui/EmptyState';
import { PageHeader } from '../components/ui/PageHeader';

/** An address no route knows: a level-1 heading (axe page-has-heading-one) and a way home. */
export function NotFoundPage({ home }: { home: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('states.notFoundTitle')} />
      <EmptyState
        icon={<IconMapQuestion size={28} aria-hidden />}
        title={t('states.notFoundText')}
        action={
          <Button component={Link} to={home} variant="light">
            {t('actions.goHome')}
          </Button>
        }
      />
    </>
  );
}
