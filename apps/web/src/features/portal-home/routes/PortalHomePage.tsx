import { Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChevronRight, IconDeviceLaptop, IconMessageChatbot, IconMoodSmile, IconSettings } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { usePageTitle } from '../../../lib/document-title';
import { useContact } from '../../portal-auth/contact-context';
import { PendingApprovals } from '../../portal-self-service/components/PendingApprovals';
import { usePortalHome } from '../api';
import { HomeKb } from '../components/HomeKb';
import { HomeKbSearch } from '../components/HomeKbSearch';
import { HomeTickets } from '../components/HomeTickets';

type Shortcut = 'assistant' | 'selfService';

/** Sections without a block of their own on the home: a card linking to each. */
const SHORTCUTS: { key: Shortcut; to: string; icon: ReactNode; color: string }[] = [
  { key: 'assistant', to: '/assistant', icon: <IconMessageChatbot size={24} aria-hidden />, color: 'grape' },
  { key: 'selfService', to: '/devices', icon: <IconDeviceLaptop size={24} aria-hidden />, color: 'orange' },
];

/** #9 item 8: where a contact lands: their open tickets, a KB search box and the most-read articles, for the sections they have. */
export function PortalHomePage() {
  const { t } = useTranslation(['portal', 'common']);
  const me = useContact();
  usePageTitle(t('shell.nav.home'));
  const hasBlocks = me.sections.tickets || me.sections.kb;
  const shortcuts = SHORTCUTS.filter((s) => me.sections[s.key]);

  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('home.greeting', { firstName: me.firstName })}
        </Title>
        <Text c="dimmed">{t('home.subtitle', { customer: me.customer.name })}</Text>
      </Stack>
      {me.sections.selfService && me.isPrimary && <PendingApprovals />}
      {me.sections.kb && <HomeKbSearch />}
      {hasBlocks && <HomeBlocks customer={me.customer.name} />}
      {shortcuts.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          {shortcuts.map((section) => (
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
      {!hasBlocks && shortcuts.length === 0 && (
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
      )}
    </Stack>
  );
}

/** The tickets and KB blocks, from one request; a block the server left out (section off) is not shown. */
function HomeBlocks({ customer }: { customer: string }) {
  const { t } = useTranslation('portal');
  const home = usePortalHome();
  if (home.isPending) return <LoadingState label={t('portalHome.loading')} />;
  if (home.isError) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  const { tickets, kb } = home.data;
  return (
    <SimpleGrid cols={{ base: 1, md: tickets && kb ? 2 : 1 }} spacing="lg">
      {tickets && <HomeTickets tickets={tickets} customer={customer} />}
      {kb && <HomeKb mostRead={kb.mostRead} />}
    </SimpleGrid>
  );
}
