import { Stack } from '@mantine/core';
import type { AssistantCard } from '@porta/contracts/assistant';
import { ActionCard } from './ActionCard';
import { ArticlesCard } from './ArticlesCard';
import { ChooseDeviceCard } from './ChooseDeviceCard';
import { TicketCard, TicketsCard } from './TicketCards';

/** What the portal draws under a reply (contracts/assistant.ts: the five kinds of card). */
export function MessageCards({ cards, onSend, sending }: { cards: AssistantCard[]; onSend: (text: string) => void; sending: boolean }) {
  if (cards.length === 0) return null;
  return (
    <Stack gap="xs">
      {cards.map((card, i) => {
        const key = `${card.kind}-${i}`;
        switch (card.kind) {
          case 'action':
            return <ActionCard key={key} card={card} />;
          case 'choose-device':
            return <ChooseDeviceCard key={key} card={card} onSend={onSend} disabled={sending} />;
          case 'articles':
            return <ArticlesCard key={key} card={card} />;
          case 'ticket':
            return <TicketCard key={key} card={card} />;
          case 'tickets':
            return <TicketsCard key={key} card={card} />;
        }
      })}
    </Stack>
  );
}
