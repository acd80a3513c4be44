import { Button, EmptyState as MantineEmptyState } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './error-message';

interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A section that failed to load, with the server's (localised) reason and a retry. */
export function ErrorState({ error, title, onRetry }: ErrorStateProps) {
  const { t } = useTranslation();
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
