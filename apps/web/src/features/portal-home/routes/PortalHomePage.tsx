import { Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBook2, IconChevronRight, IconDeviceLaptop, IconMessageChatbot, IconMoodSmile, IconSettings, IconTicket } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { usePageTitle } from '../../../lib/document-title';
import { useContact } from '../../portal-auth/contact-context';

type Section = 'tickets' | 'kb' | 'assistant' | 'selfService';

const SECTIONS: { key: Section; to: string; icon: ReactNode; color: string }[] = [
  { key: 'tickets', to: '/tickets', icon: <IconTicket size={24} aria-hidden />, color: 'indigo' },
  { key: 'kb', to: '/kb', icon: <IconBook2 size={24} aria-hidden />, color: 'teal' },
  { key: 'assistant', to: '/assistant', icon: <IconMessageChatbot size={24} aria-hidden />, color: 'grape' },
  { key: 'selfService', to: '/devices', icon: <IconDeviceLaptop size={24} aria-hidden />, color: 'orange' },
];

export function PortalHomePage() {
  const { t } = useTranslation(['portal', 'common']);
  const me = useContact();
  const enabled = SECTIONS.filter((section) => me.sections[section.key]);
  usePageTitle(t('shell.nav.home'));

  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('home.greeting', { firstName: me.firstName })}
        </Title>
        <Text c="dimmed">{t('home.subtitle', { customer: me.customer.name })}</Text>
      </Stack>
      {enabled.length === 0 ? (
        <Card withBorder radius="lg" p="xl">
          <EmptyState
            icon={<IconMoodSmile size={28} aria-hidden />}
            title={t('home.emptyTitle')}
            description={t('home.emptyText')}
            action={
              <Button component={Link} to="/settings" variant="light" leftSection={<IconSettings size={16} aria-hidden />}>
                {t('shell.nav.settings')}
              </Button>
            }
          />
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          {enabled.map((section) => (
            <Card key={section.key} component={Link} to={section.to} withBorder radius="lg" p="lg" className="hover-card">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group wrap="nowrap" align="flex-start">
                  <ThemeIcon size={48} radius="md" variant="light" color={section.color}>
                    {section.icon}
                  </ThemeIcon>
                  <Stack gap={4}>
                    <Text component="h2" fw={700} size="lg" m={0}>
                      {t(`home.sections.${section.key}.title`)}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t(`home.sections.${section.key}.text`)}
                    </Text>
                  </Stack>
                </Group>
                <IconChevronRight size={20} aria-hidden color="var(--mantine-color-gray-5)" />
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
