import { Affix, Drawer, Loader, Center, ActionIcon, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMessageChatbot } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useIsMobile } from '../../../lib/use-is-mobile';

// The conversation's code (and Markdown's) loads when the drawer first opens, not with every page.
const LauncherPanel = lazy(() => import('./LauncherPanel').then((m) => ({ default: m.LauncherPanel })));

/**
 * AI-1: the assistant on every portal page: a floating button that opens the conversation in
 * a drawer (the whole screen on a phone). The conversation stays while the contact moves from
 * page to page; following a link from it (an article, a ticket) closes the drawer. Not shown
 * on the chat page itself.
 */
export function AssistantLauncher() {
  const { t } = useTranslation('chat');
  const [opened, { open, close }] = useDisclosure(false);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const { pathname } = useLocation();
  const isMobile = useIsMobile();
  useEffect(() => close(), [pathname, close]);

  if (pathname === '/assistant' || pathname.startsWith('/assistant/')) return null;
  return (
    <>
      <Affix position={{ bottom: 20, right: 20 }} zIndex={150}>
        <Tooltip label={t('launcher.open')} position="left" withinPortal={false}>
          <ActionIcon size={56} radius="xl" variant="filled" color="grape.8" onClick={open} aria-label={t('launcher.open')} aria-haspopup="dialog" aria-expanded={opened} style={{ boxShadow: 'var(--mantine-shadow-lg)' }}>
            <IconMessageChatbot size={28} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Affix>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size={isMobile ? '100%' : 'md'}
        title={t('launcher.title')}
        closeButtonProps={{ 'aria-label': t('launcher.close') }}
        // Its <header> is not the page's banner (as for Modal in app/theme.ts, #9 item 9).
        attributes={{ header: { role: 'presentation' } }}
        styles={{ content: { display: 'flex', flexDirection: 'column' }, body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', padding: 0 } }}
      >
        <Suspense
          fallback={
            <Center h={160}>
              <Loader size="sm" role="status" aria-label={t('conversation.loading')} />
            </Center>
          }
        >
          <LauncherPanel sessionId={sessionId} onSession={setSessionId} />
        </Suspense>
      </Drawer>
    </>
  );
}
