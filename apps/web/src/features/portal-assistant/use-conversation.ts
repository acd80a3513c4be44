import type { AssistantAnswer, AssistantMessage, AssistantSession } from '@porta/contracts/assistant';
import { useCallback, useEffect, useRef, useState } from 'react';
import { queryClient } from '../../lib/query-client';
import { sessionKey, sessionsKey, useAssistantSession } from './api';
import { sendAssistantMessage } from './stream';

/** The message being answered: the contact's text and the reply so far. */
export interface PendingTurn {
  text: string;
  reply: string;
}

/** The exchange added to the cached conversation (the contact's text, then the answer) until the server's copy is read again. */
function appendTurn(answer: AssistantAnswer, text: string) {
  const sent: AssistantMessage = { id: `local-${answer.message.id}`, role: 'contact', text, cards: [], createdAt: answer.message.createdAt };
  queryClient.setQueryData<AssistantSession>(sessionKey(answer.sessionId), (old) =>
    old
      ? { ...old, messages: [...old.messages, sent, answer.message], updatedAt: answer.message.createdAt }
      : { id: answer.sessionId, title: text, createdAt: sent.createdAt, updatedAt: sent.createdAt, ticketId: null, messages: [sent, answer.message] },
  );
  void queryClient.invalidateQueries({ queryKey: sessionKey(answer.sessionId) });
  void queryClient.invalidateQueries({ queryKey: sessionsKey });
}

/**
 * One conversation (the chat page and the launcher's drawer share it): its stored messages,
 * the turn being answered (streaming in), the last error, and `send`. A new conversation gets
 * its id from the first answer, handed to `onSession`.
 */
export function useConversation(sessionId: string | null, onSession: (id: string) => void) {
  const session = useAssistantSession(sessionId);
  const [pending, setPending] = useState<PendingTurn | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** The last complete reply, for the polite live region (the streaming text is not announced piece by piece). */
  const [announcement, setAnnouncement] = useState('');
  const controller = useRef<AbortController | null>(null);
  const onSessionRef = useRef(onSession);
  useEffect(() => {
    onSessionRef.current = onSession;
  });

  // Another conversation opened (or this one left): a reply still streaming is no longer shown.
  useEffect(() => {
    setError(null);
    return () => {
      controller.current?.abort();
      controller.current = null;
      setPending(null);
    };
  }, [sessionId]);

  /** Sends `text`; answers false when it failed (the error is in `error`), so the composer can give the text back. */
  const send = useCallback(
    async (text: string): Promise<boolean> => {
      if (controller.current) return false;
      const abort = new AbortController();
      controller.current = abort;
      setError(null);
      setPending({ text, reply: '' });
      try {
        const answer = await sendAssistantMessage({ ...(sessionId && { sessionId }), text }, (delta) => setPending((p) => (p ? { ...p, reply: p.reply + delta } : p)), abort.signal);
        appendTurn(answer, text);
        setAnnouncement(answer.reply);
        if (answer.sessionId !== sessionId) onSessionRef.current(answer.sessionId);
        return true;
      } catch (err) {
        if (abort.signal.aborted) return false;
        setError(err);
        return false;
      } finally {
        if (controller.current === abort) {
          controller.current = null;
          setPending(null);
        }
      }
    },
    [sessionId],
  );

  return { session, messages: session.data?.messages ?? [], pending, error, announcement, send, sending: pending !== null };
}
