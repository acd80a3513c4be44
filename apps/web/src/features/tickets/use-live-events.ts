import { eventField, useEventStream } from '../../lib/use-event-stream';

/**
 * `ticket.*` name one ticket; `portal.changed` (portal streams only) names none: what contacts
 * may see or do changed (field visibility, custom fields, T-6), so the page refetches everything.
 */
export const TICKET_TOPICS = ['ticket.created', 'ticket.updated', 'ticket.commented', 'portal.changed'] as const;
export type TicketTopic = (typeof TICKET_TOPICS)[number];

export interface TicketEvent {
  topic: TicketTopic;
  ticketId: string | null;
}

const isTicketTopic = (topic: string): topic is TicketTopic => (TICKET_TOPICS as readonly string[]).includes(topic);

/**
 * Listens to a server-sent event stream of ticket changes (T-10). Each event only names the
 * ticket: the caller refetches it through the API, so every read rule still applies.
 * After a reconnection the caller hears `null` (events may have been missed): refetch everything.
 */
export function useTicketEvents(url: string | null, onEvent: (event: TicketEvent | null) => void): void {
  useEventStream(url, TICKET_TOPICS, {
    onEvent: (topic, data) => {
      if (isTicketTopic(topic)) onEvent({ topic, ticketId: eventField(data, 'ticketId') });
    },
    onReady: (reconnected) => {
      if (reconnected) onEvent(null);
    },
  });
}
