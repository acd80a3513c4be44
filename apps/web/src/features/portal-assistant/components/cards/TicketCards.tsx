import { Box, Group, Paper, Stack, Text } from '@mantine/core';
import type { AssistantCard } from '@porta/contracts/assistant';
import { useTranslation } from 'react-i18next';
import { TicketLink } from '../../../../components/ui/TicketLink';
import { formatDate } from '../../../../lib/format';
import { StatusBadge } from '../../../tickets/components/TicketBadges';

type TicketData = Extract<AssistantCard, { kind: 'ticket' }>;
type TicketsData = Extract<AssistantCard, { kind: 'tickets' }>;

/** The status as the ticket pages show it (a default status by the catalogue's name, the tenant's own by its key). */
const status = (key: string) => ({ key, name: null, category: 'open' as const });

/** A ticket the assistant opened or found ("talk to a technician"): a link to it. */
export function TicketCard({ card }: { card: TicketData }) {
  const { t } = useTranslation('chat');
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          {t('ticket.label')}
        </Text>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <TicketLink to={`/tickets/${encodeURIComponent(card.ticketId)}`} ticket={{ number: card.number, subject: card.title }} />
          <Box style={{ flex: 'none' }}>
            <StatusBadge status={status(card.status)} />
          </Box>
        </Group>
      </Stack>
    </Paper>
  );
}

/** "Where is my ticket": the contact's tickets, each a link with its status. */
export function TicketsCard({ card }: { card: TicketsData }) {
  const { t } = useTranslation('chat');
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap={6}>
        <Text size="sm" fw={600} component="h3" m={0}>
          {t('tickets.title')}
        </Text>
        {card.tickets.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tickets.empty')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {card.tickets.map((ticket) => (
              <li key={ticket.ticketId}>
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <TicketLink to={`/tickets/${encodeURIComponent(ticket.ticketId)}`} ticket={{ number: ticket.number, subject: ticket.title }} />
                    <Text size="xs" c="dimmed">
                      {t('tickets.updated', { date: formatDate(ticket.updatedAt) })}
                    </Text>
                  </Stack>
                  <Box style={{ flex: 'none' }}>
                    <StatusBadge status={status(ticket.status)} />
                  </Box>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
