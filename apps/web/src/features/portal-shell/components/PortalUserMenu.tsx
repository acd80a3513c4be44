import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { notifySuccess } from '../../../lib/notify';
import { initials } from '../../../lib/initials';
import { usePortalLogout } from '../../portal-auth/api';
import { useContact } from '../../portal-auth/contact-context';

export function PortalUserMenu() {
  const { t } = useTranslation(['portal', 'common']);
  const me = useContact();
  const logout = usePortalLogout();
  const navigate = useNavigate();
  const name = `${me.firstName} ${me.lastName}`;

  const signOut = async () => {
    try {
      await logout.mutateAsync();
    } catch {
      // Signed out locally either way.
    }
    notifySuccess(t('shell.signedOut'));
    void navigate('/login', { replace: true });
  };

  return (
    <Menu position="bottom-end" shadow="md" width={240}>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu', { initials: initials(name), name })} style={{ borderRadius: '50%' }}>
          <Avatar size={36} radius="xl" color="indigo" aria-hidden>
            {initials(name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.customer.name}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/settings" leftSection={<IconSettings size={16} aria-hidden />}>
          {t('shell.nav.settings')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
