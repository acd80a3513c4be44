import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconLogout2, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { notifySuccess } from '../../../lib/notify';
import { useConsoleLogout } from '../../console-auth/api';
import { useTechnician } from '../../console-auth/technician-context';
import { initials } from '../../../lib/initials';
import { DANGER_MENU_COLOR } from '../../../app/theme';

export function UserMenu() {
  const { t } = useTranslation(['console', 'common']);
  const user = useTechnician();
  const logout = useConsoleLogout();
  const navigate = useNavigate();

  const signOut = async (everywhere: boolean) => {
    try {
      await logout.mutateAsync(everywhere);
    } catch {
      // The local session is cleared either way; the server drops it when it expires.
    }
    notifySuccess(everywhere ? t('shell.userMenu.signedOutEverywhere') : t('shell.userMenu.signedOut'));
    void navigate('/console/login', { replace: true });
  };

  return (
    <Menu position="bottom-end" shadow="md" width={240}>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu.label', { initials: initials(user.name), name: user.name })} style={{ borderRadius: 'var(--mantine-radius-md)' }} p={4}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={32} radius="xl" color="indigo" aria-hidden>
              {initials(user.name)}
            </Avatar>
            {/* Visible text "AA Ada Admin", which the accessible name starts with (WCAG 2.5.3); flex ignores the space. */}
            {' '}
            <Text size="sm" fw={500} visibleFrom="sm" maw={160} truncate>
              {user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/console/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('shell.userMenu.account')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut(false)}>
          {t('shell.userMenu.signOut')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout2 size={16} aria-hidden />} color={DANGER_MENU_COLOR} onClick={() => void signOut(true)}>
          {t('shell.userMenu.signOutEverywhere')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
