import { Anchor, Button, Group } from '@mantine/core';
import { IconArrowsMaximize, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Conversation } from './Conversation';

/** The launcher drawer's content: the conversation, a way to start a new one, and the full chat page. */
export function LauncherPanel({ sessionId, onSession }: { sessionId: string | null; onSession: (id: string | null) => void }) {
  const { t } = useTranslation('chat');
  return (
    <>
      <Group justify="space-between" px="md" pb="xs" gap="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        {sessionId ? (
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onSession(null)}>
            {t('page.new')}
          </Button>
        ) : (
          <span />
        )}
        <Anchor component={Link} to={sessionId ? `/assistant/${encodeURIComponent(sessionId)}` : '/assistant'} size="sm">
          <Group gap={4} wrap="nowrap" component="span">
            {t('launcher.fullPage')}
            <IconArrowsMaximize size={14} aria-hidden />
          </Group>
        </Anchor>
      </Group>
      <div style={{ flex: 1, minHeight: 0 }}>
        <Conversation sessionId={sessionId} onSession={onSession} autoFocus />
      </div>
    </>
  );
}
