import { useEffect, useRef } from 'react';

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

function readTicketId(data: unknown): string | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = JSON.parse(data) as { ticketId?: unknown };
    return typeof parsed.ticketId === 'string' ? parsed.ticketId : null;
  } catch {
    return null;
  }
}

/**
 * Listens to a server-sent event stream of ticket changes (T-10). Each event only names the
 * ticket: the caller refetches it through the API, so every read rule still applies.
 * After a reconnection the caller hears `null` (events may have been missed): refetch everything.
 */
export function useTicketEvents(url: string | null, onEvent: (event: TicketEvent | null) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    let connectedBefore = false;
    const onReady = () => {
      if (connectedBefore) handler.current(null);
      connectedBefore = true;
    };
    const listeners = TICKET_TOPICS.map((topic) => {
      const listener = (message: MessageEvent) => handler.current({ topic, ticketId: readTicketId(message.data) });
      source.addEventListener(topic, listener);
      return [topic, listener] as const;
    });
    source.addEventListener('ready', onReady);
    return () => {
      for (const [topic, listener] of listeners) source.removeEventListener(topic, listener);
      source.removeEventListener('ready', onReady);
      source.close();
    };
  }, [url]);
}
