import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

/** A ticket's "#number subject" link, as every ticket list shows it (portal home, portal list, console queue). */
export function TicketLink({ to, ticket }: { to: string; ticket: { number: number; subject: string } }) {
  return (
    <Anchor component={Link} to={to} fw={600} style={{ overflowWrap: 'anywhere' }}>
      <Text span c="dimmed" size="sm" mr={6}>
        #{ticket.number}
      </Text>
      {ticket.subject}
    </Anchor>
  );
}
