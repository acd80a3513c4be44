import { Button, EmptyState as MantineEmptyState, Text } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiArea } from '../../lib/api-error';

export interface WayBack {
  to: string;
  label: string;
}

/** Where an area starts: the way back when a page names none. */
const HOME: Record<ApiArea, string> = { console: '/console', portal: '/', public: '/' };

interface NotFoundStateProps {
  /** The server's localised reason ("Ticket not found."). */
  message?: string;
  back?: WayBack;
  area?: ApiArea;
}

/** #9 item 6: an object that does not exist (or no longer does), with a way back. */
export function NotFoundState({ message, back, area = 'portal' }: NotFoundStateProps) {
  const { t } = useTranslation();
  const way = back ?? { to: HOME[area], label: t('actions.goHome') };
  return (
    <MantineEmptyState
      data-testid="not-found"
      py="xl"
      variant="light"
      icon={<IconMapQuestion size={28} aria-hidden />}
      title={message ?? t('notFound.title')}
      description={<Text component="span">{t('notFound.text')}</Text>}
    >
      <MantineEmptyState.Actions>
        <Button component={Link} to={way.to} variant="light">
          {way.label}
        </Button>
      </MantineEmptyState.Actions>
    </MantineEmptyState>
  );
}
