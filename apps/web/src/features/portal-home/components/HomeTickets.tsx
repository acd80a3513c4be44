import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import type { PortalHome } from '@porta/contracts/portal-home';
import { IconTicket } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TicketLink } from '../../../components/ui/TicketLink';
import { EmptyState } from '../../../components/ui/EmptyState';
import { SectionCard } from '../../../components/ui/SectionCard';
import { formatDate } from '../../../lib/format';
import { NewTicketButton } from '../../portal-assistant/components/NewTicketButton';
import { StatusBadge } from '../../tickets/components/TicketBadges';

type Tickets = NonNullable<PortalHome['tickets']>;

/** The contact's open tickets: how many, the latest few (each a link), and the company's count for primary contacts. */
export function HomeTickets({ tickets, customer }: { tickets: Tickets; customer: string }) {
  const { t } = useTranslation('portal');
  // AI-4: with manual ticket creation off, the button sends the contact to the assistant.
  const newButton = <NewTicketButton label={t('portalHome.newTicket')} variant="light" />;
  return (
    <SectionCard
      title={t('portalHome.ticketsTitle')}
      description={t('portalHome.openCount', { count: tickets.openCount })}
    >
      {tickets.latest.length === 0 ? (
        <EmptyState icon={<IconTicket size={28} aria-hidden />} title={t('portalHome.noOpenTitle')} description={t('portalHome.noOpenText')} />
      ) : (
        <Stack gap="xs" component="ul" aria-label={t('portalHome.latestLabel')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {tickets.latest.map((ticket) => (
            <li key={ticket.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <TicketLink to={`/tickets/${ticket.id}`} ticket={ticket} />
                  <Text size="xs" c="dimmed">
                    {t('portalHome.updated', { date: formatDate(ticket.updatedAt) })}
                  </Text>
                </Stack>
                <StatusBadge status={ticket.status} />
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {tickets.companyOpenCount !== null && (
        <Anchor component={Link} to="/tickets?scope=company" size="sm">
          {t('portalHome.companyOpen', { count: tickets.companyOpenCount, customer })}
        </Anchor>
      )}
      <Group gap="sm">
        {newButton}
        <Button component={Link} to="/tickets" variant="subtle">
          {t('portalHome.allTickets')}
        </Button>
      </Group>
    </SectionCard>
  );
}
