import { NavLink, Paper, Stack, Title } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { formatDateTime } from '../../../lib/format';
import { useAssistantSessions } from '../api';

/** AI-1: the contact's own past conversations, each a link that opens it. */
export function SessionList({ activeId }: { activeId: string | null }) {
  const { t } = useTranslation('chat');
  const sessions = useAssistantSessions();
  let body;
  if (sessions.isPending) body = <LoadingState label={t('sessions.loading')} />;
  else if (sessions.isError) body = <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  else if (sessions.data.items.length === 0) body = <EmptyState icon={<IconMessages size={28} aria-hidden />} title={t('sessions.emptyTitle')} description={t('sessions.emptyText')} />;
  else {
    body = (
      <Stack component="ul" gap={2} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {sessions.data.items.map((s) => (
          <li key={s.id}>
            <NavLink
              component={Link}
              to={`/assistant/${encodeURIComponent(s.id)}`}
              label={s.title || t('sessions.untitled')}
              description={<time dateTime={s.updatedAt}>{formatDateTime(s.updatedAt)}</time>}
              active={s.id === activeId}
              aria-current={s.id === activeId ? 'page' : undefined}
              variant="light"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
              // The date keeps the body text's contrast on the active entry's tint too.
              styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }, description: { color: 'var(--mantine-color-dimmed)' } }}
            />
          </li>
        ))}
      </Stack>
    );
  }
  return (
    <Paper component="nav" withBorder radius="lg" p="sm" aria-labelledby="assistant-sessions-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="assistant-sessions-title" px="xs">
          {t('sessions.title')}
        </Title>
        {body}
      </Stack>
    </Paper>
  );
}
