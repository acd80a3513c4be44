import { AppShell, Box, Burger, Group, NavLink, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBook2, IconDeviceDesktop, IconHome, IconLifebuoy, IconMessageChatbot, IconSettings, IconTicket } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { TitleSuffixContext } from '../../../lib/document-title';
import { pageBrand } from '../../../lib/page-brand';
import { applyLanguage } from '../../../lib/i18n';
import { useIsMobile } from '../../../lib/use-is-mobile';
import { AssistantLauncher } from '../../portal-assistant/components/AssistantLauncher';
import { usePortalSession } from '../../portal-auth/api';
import { ContactContext } from '../../portal-auth/contact-context';
import { PortalUserMenu } from './PortalUserMenu';

/** The signed-in portal: guards the contact's session, then header, navigation and the page. */
export function PortalLayout() {
  const session = usePortalSession();
  const location = useLocation();
  const language = session.data?.language;

  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);

  if (session.isPending) return <LoadingState fullPage />;
  // Only a first load that failed: a failed refetch keeps the signed-in page (and what is being typed on it).
  if (session.isError && session.data === undefined) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <ContactContext.Provider value={session.data}>
      <TitleSuffixContext.Provider value={pageBrand?.name ?? session.data.tenant.name}>
        <Shell tenantName={pageBrand?.name ?? session.data.tenant.name} logoUrl={pageBrand?.logoUrl ?? null} {...session.data.sections} />
      </TitleSuffixContext.Provider>
    </ContactContext.Provider>
  );
}

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Only in the phone menu: the desktop header has no room for it (the assistant's launcher is on every page). */
  phoneOnly?: boolean;
}

function Shell({ tenantName, logoUrl, tickets, kb, assistant, selfService }: { tenantName: string; logoUrl: string | null; tickets: boolean; kb: boolean; assistant: boolean; selfService: boolean }) {
  const { t } = useTranslation(['portal', 'common', 'kb', 'devices', 'chat']);
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const isMobile = useIsMobile();
  useEffect(() => close(), [pathname, close]);

  const items: NavItem[] = [
    { to: '/', label: t('shell.nav.home'), icon: <IconHome size={18} aria-hidden /> },
    // T-2: without the Ticketing section there is no Tickets entry.
    ...(tickets ? [{ to: '/tickets', label: t('shell.nav.tickets'), icon: <IconTicket size={18} aria-hidden /> }] : []),
    // KB-2: without the Knowledge base section there is no entry either.
    ...(kb ? [{ to: '/kb', label: t('kb:portal.nav'), icon: <IconBook2 size={18} aria-hidden /> }] : []),
    // AI-2: the assistant's page only with its section on (its launcher too, below).
    ...(assistant ? [{ to: '/assistant', label: t('chat:nav'), icon: <IconMessageChatbot size={18} aria-hidden />, phoneOnly: true }] : []),
    // SS-3: "My devices" only with the self-service section on for the contact's customer.
    ...(selfService ? [{ to: '/devices', label: t('devices:portal.nav'), icon: <IconDeviceDesktop size={18} aria-hidden /> }] : []),
    { to: '/settings', label: t('shell.nav.settings'), icon: <IconSettings size={18} aria-hidden /> },
  ];
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname.startsWith(to));

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { desktop: true, mobile: !opened } }} padding={{ base: 'md', sm: 'xl' }}>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" maw={1120} mx="auto">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('common:nav.closeMenu') : t('common:nav.openMenu')}
              aria-expanded={opened}
              aria-controls="portal-navbar"
            />
            <UnstyledButton component={Link} to="/" style={{ minWidth: 0 }}>
              <Group gap={8} wrap="nowrap">
                {logoUrl ? (
                  <img src={logoUrl} alt="" height={34} style={{ height: 34, width: 'auto', maxWidth: 160, objectFit: 'contain' }} data-testid="portal-logo" />
                ) : (
                  <ThemeIcon size="lg" radius="md" aria-hidden>
                    <IconLifebuoy size={20} />
                  </ThemeIcon>
                )}
                <Text fw={700} size="lg" truncate>
                  {tenantName}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Group component="nav" gap={4} visibleFrom="sm" aria-label={t('common:nav.main')}>
              {items.filter((item) => !item.phoneOnly).map((item) => (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  leftSection={item.icon}
                  active={isActive(item.to)}
                  aria-current={isActive(item.to) ? 'page' : undefined}
                  variant="light"
                  w="auto"
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              ))}
            </Group>
            <PortalUserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      {/* Phones only (desktop links live in the header); inert while collapsed. */}
      <AppShell.Navbar id="portal-navbar" p="sm" aria-label={t('common:nav.main')} hiddenFrom="sm" inert={isMobile && !opened}>
        <Stack gap={2}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={item.icon}
              active={isActive(item.to)}
              aria-current={isActive(item.to) ? 'page' : undefined}
              variant="light"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="var(--mantine-color-gray-0)">
        <Box maw={1120} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
      {assistant && <AssistantLauncher />}
    </AppShell>
  );
}
