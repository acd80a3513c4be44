import { Button } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/ui/EmptyState';

export function NotFoundPage({ home }: { home: string }) {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<IconMapQuestion size={28} aria-hidden />}
      title={t('states.notFoundTitle')}
      description={t('states.notFoundText')}
      action={
        <Button component={Link} to={home} variant="light">
          {t('actions.goHome')}
        </Button>
      }
    />
  );
}
