import { AppShell, Box, Burger, Group, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLifebuoy } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PRODUCT_NAME } from '../../../lib/brand';
import { useIsMobile } from '../../../lib/use-is-mobile';
import { applyLanguage } from '../../../lib/i18n';
import { useConsoleSession } from '../../console-auth/api';
import { TechnicianContext } from '../../console-auth/technician-context';
import { ConsoleLanguageMenu } from './ConsoleLanguageMenu';
import { ConsoleNavbar } from './ConsoleNavbar';
import { UserMenu } from './UserMenu';

const ACCOUNT_PATH = '/console/account';

/** The signed-in console: guards the session, then header, navbar and the page. */
export function ConsoleLayout() {
  const session = useConsoleSession();
  const location = useLocation();
  const language = session.data?.user.language;

  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);

  if (session.isPending) return <LoadingState fullPage />;
  // Only a first load that failed: a failed refetch keeps the signed-in page (and what is being typed on it).
  if (session.isError && session.data === undefined) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/console/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const { user } = session.data;
  if (user.totpEnrolmentRequired && location.pathname !== ACCOUNT_PATH) return <Navigate to={ACCOUNT_PATH} replace />;

  return (
    <TechnicianContext.Provider value={user}>
      <Shell />
    </TechnicianContext.Provider>
  );
}

function Shell() {
  const { t } = useTranslation(['console', 'common']);
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const isMobile = useIsMobile();

  useEffect(() => close(), [location.pathname, close]);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'md', sm: 'xl' }}>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('common:nav.closeMenu') : t('common:nav.openMenu')}
              aria-expanded={opened}
              aria-controls="console-navbar"
            />
            <Group gap={8} wrap="nowrap">
              <ThemeIcon size="md" radius="md" aria-hidden>
                <IconLifebuoy size={18} />
              </ThemeIcon>
              <Text fw={700}>{PRODUCT_NAME}</Text>
              <Text size="sm" c="dimmed" visibleFrom="xs">
                {t('shell.consoleLabel')}
              </Text>
            </Group>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ConsoleLanguageMenu />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      {/* Off-screen while collapsed on phones: keep its links out of the tab order. */}
      <AppShell.Navbar id="console-navbar" p="sm" aria-label={t('common:nav.main')} inert={isMobile && !opened}>
        <ConsoleNavbar />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="var(--mantine-color-gray-0)">
        <Box maw={1200} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
