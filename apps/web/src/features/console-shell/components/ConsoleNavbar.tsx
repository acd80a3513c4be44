import { Badge, Divider, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import {
  IconAddressBook,
  IconDeviceDesktop,
  IconBook2,
  IconBuildingSkyscraper,
  IconCloudDownload,
  IconForms,
  IconHistory,
  IconKey,
  IconWebhook,
  IconListCheck,
  IconMail,
  IconMailForward,
  IconMessage,
  IconMessageCog,
  IconPackage,
  IconPlayerStop,
  IconShieldLock,
  IconTicket,
  IconUsersGroup,
  IconWorldWww,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useTechnician } from '../../console-auth/technician-context';

interface Item {
  to: string;
  label: string;
  icon: ReactNode;
}

export function ConsoleNavbar() {
  const { t } = useTranslation(['console', 'common', 'kb', 'mail', 'devices']);
  const user = useTechnician();

  const work: Item[] = [
    { to: '/console/tickets', label: t('shell.nav.tickets'), icon: <IconTicket size={18} aria-hidden /> },
    { to: '/console/kb', label: t('kb:console.nav'), icon: <IconBook2 size={18} aria-hidden /> },
    { to: '/console/customers', label: t('shell.nav.customers'), icon: <IconBuildingSkyscraper size={18} aria-hidden /> },
    { to: '/console/contacts', label: t('shell.nav.contacts'), icon: <IconAddressBook size={18} aria-hidden /> },
    { to: '/console/devices', label: t('devices:nav'), icon: <IconDeviceDesktop size={18} aria-hidden /> },
    { to: '/console/sms', label: t('devices:navigation.smsOutbox'), icon: <IconMessage size={18} aria-hidden /> },
    { to: '/console/audit', label: t('devices:navigation.audit'), icon: <IconHistory size={18} aria-hidden /> },
  ];
  const admin: Item[] = [
    { to: '/console/technicians', label: t('shell.nav.technicians'), icon: <IconUsersGroup size={18} aria-hidden /> },
    { to: '/console/api-keys', label: t('shell.nav.apiKeys'), icon: <IconKey size={18} aria-hidden /> },
    { to: '/console/settings/webhooks', label: t('shell.nav.webhooks'), icon: <IconWebhook size={18} aria-hidden /> },
    { to: '/console/settings/security', label: t('shell.nav.security'), icon: <IconShieldLock size={18} aria-hidden /> },
    { to: '/console/settings/portal', label: t('shell.nav.portal'), icon: <IconWorldWww size={18} aria-hidden /> },
    { to: '/console/settings/software', label: t('devices:navigation.software'), icon: <IconPackage size={18} aria-hidden /> },
    { to: '/console/settings/self-service', label: t('devices:navigation.selfService'), icon: <IconPlayerStop size={18} aria-hidden /> },
    { to: '/console/settings/sms', label: t('devices:navigation.sms'), icon: <IconMessageCog size={18} aria-hidden /> },
    { to: '/console/settings/tickets', label: t('shell.nav.ticketSettings'), icon: <IconListCheck size={18} aria-hidden /> },
    { to: '/console/settings/custom-fields', label: t('shell.nav.customFields'), icon: <IconForms size={18} aria-hidden /> },
    { to: '/console/settings/mail', label: t('mail:ui.nav.mail'), icon: <IconMail size={18} aria-hidden /> },
    { to: '/console/mail', label: t('mail:ui.nav.outbox'), icon: <IconMailForward size={18} aria-hidden /> },
    { to: '/console/imports/atera', label: t('ateraImport.nav'), icon: <IconCloudDownload size={18} aria-hidden /> },
  ];

  return (
    <ScrollArea type="auto" h="100%">
      <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        <SectionLabel>{t('shell.nav.workSection')}</SectionLabel>
        {work.map((item) => (
          <NavItem key={item.to} item={item} />
        ))}
        {user.isAdmin && (
          <>
            <li aria-hidden>
              <Divider my="sm" />
            </li>
            <SectionLabel>
              {t('shell.nav.adminSection')}{' '}
              <Badge size="xs" variant="light" ml={4}>
                {t('shell.adminBadge')}
              </Badge>
            </SectionLabel>
            {admin.map((item) => (
              <NavItem key={item.to} item={item} />
            ))}
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}

function SectionLabel({ children }: { children: ReactNode }) {
  return (
    <Text component="li" size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4}>
      {children}
    </Text>
  );
}

function NavItem({ item }: { item: Item }) {
  const { pathname } = useLocation();
  // Until a required authenticator is set up, only My account opens.
  const locked = useTechnician().totpEnrolmentRequired;
  const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
  return (
    <li>
      <NavLink
        component={Link}
        to={item.to}
        label={item.label}
        leftSection={item.icon}
        active={active}
        aria-current={active ? 'page' : undefined}
        variant="light"
        disabled={locked}
        // Long labels (German) wrap instead of being cut off.
        styles={{ label: { whiteSpace: 'normal', overflowWrap: 'anywhere' } }}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      />
    </li>
  );
}
