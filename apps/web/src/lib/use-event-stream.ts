import { useEffect, useRef, useState } from 'react';

export interface EventStreamHandlers {
  /** One named event; `data` is the raw text the server sent (JSON of ids). */
  onEvent: (topic: string, data: string) => void;
  /**
   * The stream is (again) subscribed. `reconnected` is true after a drop: events may have been
   * missed in between, so the caller refetches what it shows.
   */
  onReady?: (reconnected: boolean) => void;
}

/**
 * The one way the web app listens to server-sent events (tickets T-10, self-service SS-7): an
 * EventSource on `url` (null: none) that hands each of `topics` to `onEvent`. The browser
 * reconnects by itself after a drop. Answers whether the stream is up right now, so a page can
 * fall back to a slow poll only while it is not.
 */
export function useEventStream(url: string | null, topics: readonly string[], handlers: EventStreamHandlers): boolean {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  const [live, setLive] = useState(false);
  const topicKey = topics.join('\n');

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    let connectedBefore = false;
    const onReady = () => {
      setLive(true);
      current.current.onReady?.(connectedBefore);
      connectedBefore = true;
    };
    const onError = () => setLive(false);
    // The session ended (sign-out, password change, expiry): reconnecting would only be refused.
    const onSignedOut = () => {
      source.close();
      setLive(false);
    };
    const listeners = topicKey.split('\n').map((topic) => {
      const listener = (message: MessageEvent) => current.current.onEvent(topic, typeof message.data === 'string' ? message.data : '');
      source.addEventListener(topic, listener);
      return [topic, listener] as const;
    });
    source.addEventListener('ready', onReady);
    source.addEventListener('error', onError);
    source.addEventListener('signed-out', onSignedOut);
    return () => {
      for (const [topic, listener] of listeners) source.removeEventListener(topic, listener);
      source.removeEventListener('ready', onReady);
      source.removeEventListener('error', onError);
      source.removeEventListener('signed-out', onSignedOut);
      source.close();
      setLive(false);
    };
  }, [url, topicKey]);

  return live && url !== null;
}

/** A string field of an event's JSON data, or null. */
export function eventField(data: string, field: string): string | null {
  try {
    const parsed = JSON.parse(data) as Record<string, unknown> | null;
    const value = parsed?.[field];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
