import { Button, EmptyState as MantineEmptyState } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isNotFoundError } from '../../lib/api-error';
import { errorMessage } from './error-message';
import { NotFoundState, type WayBack } from './NotFoundState';

interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  /** Where "not found" leads back to (default: the area's start page). */
  back?: WayBack;
}

/**
 * A section that failed to load, with the server's (localised) reason and a retry; the one
 * place that turns a missing object (isNotFoundError) into "not found" with a way back.
 */
export function ErrorState({ error, title, onRetry, back }: ErrorStateProps) {
  const { t } = useTranslation();
  if (isNotFoundError(error)) return <NotFoundState message={error.status === 404 ? error.message : undefined} back={back} area={error.area} />;
  return (
    <MantineEmptyState
      role="alert"
      py="xl"
      variant="light"
      color="red"
      icon={<IconAlertTriangle size={28} aria-hidden />}
      title={title ?? t('states.errorTitle')}
      description={errorMessage(error)}
    >
      {onRetry && (
        <MantineEmptyState.Actions>
          <Button variant="light" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        </MantineEmptyState.Actions>
      )}
    </MantineEmptyState>
  );
}
