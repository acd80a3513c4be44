import { Alert, Box, Button, Group, ScrollArea, Stack, Text, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle, IconMessageChatbot } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/ErrorState';
import { errorMessage } from '../../../components/ui/error-message';
import { LoadingState } from '../../../components/ui/LoadingState';
import { useConversation } from '../use-conversation';
import { MessageCards } from './cards/MessageCards';
import { Composer } from './Composer';
import { MessageBubble } from './MessageBubble';

const SUGGESTIONS = ['restart', 'password', 'ticket'] as const;

interface ConversationProps {
  /** The conversation shown; null: a new one, started by the first message. */
  sessionId: string | null;
  onSession: (id: string) => void;
  /** A level-2 heading for screen readers (the page's; the drawer's own title is one already): cards and the empty state are level 3 under it. */
  heading?: string;
  autoFocus?: boolean;
}

/**
 * AI-1: one conversation with the assistant (the chat page and the launcher's drawer both show
 * this): the messages with their cards, the reply streaming in, and the composer. New replies
 * are announced politely once complete; the list scrolls to the newest.
 */
export function Conversation({ sessionId, onSession, heading, autoFocus = false }: ConversationProps) {
  const { t } = useTranslation('chat');
  const { session, messages, pending, error, announcement, send, sending } = useConversation(sessionId, onSession);
  const viewport = useRef<HTMLDivElement>(null);
  const sendFromCard = (text: string) => void send(text);

  // The newest message in view: on opening, on each message, and as the reply grows.
  const replyLength = pending?.reply.length ?? -1;
  useEffect(() => {
    const el = viewport.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, replyLength, sessionId]);

  let content;
  if (session.isLoading) content = <LoadingState label={t('conversation.loading')} />;
  else if (session.isError) content = <ErrorState error={session.error} onRetry={() => void session.refetch()} back={{ to: '/assistant', label: t('page.title') }} />;
  else if (messages.length === 0 && !pending) {
    content = (
      <Stack align="center" gap="sm" py="xl" px="md" ta="center">
        <ThemeIcon size={56} radius="xl" variant="light" color="grape" aria-hidden>
          <IconMessageChatbot size={30} />
        </ThemeIcon>
        <Title order={3} size="h4">
          {t('conversation.emptyTitle')}
        </Title>
        <Text size="sm" c="dimmed" maw={420}>
          {t('conversation.emptyText')}
        </Text>
        <Group gap="xs" justify="center" role="group" aria-label={t('conversation.suggestionsLabel')}>
          {SUGGESTIONS.map((key) => (
            <Button key={key} variant="light" size="xs" radius="xl" onClick={() => sendFromCard(t(`conversation.suggestions.${key}`))}>
              {t(`conversation.suggestions.${key}`)}
            </Button>
          ))}
        </Group>
      </Stack>
    );
  } else {
    content = (
      <Stack component="ol" gap="md" aria-label={t('conversation.label')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {messages.map((message) => (
          <MessageBubble key={message.id} role={message.role} text={message.text} createdAt={message.createdAt}>
            {message.cards.length > 0 ? <MessageCards cards={message.cards} onSend={sendFromCard} sending={sending} /> : null}
          </MessageBubble>
        ))}
        {pending && (
          <>
            <MessageBubble role="contact" text={pending.text} />
            <MessageBubble role="assistant" text={pending.reply} streaming />
          </>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap={0} h="100%" mih={0}>
      <ScrollArea
        viewportRef={viewport}
        // Keyboard users scroll it too (axe scrollable-region-focusable).
        viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('conversation.regionLabel') }}
        style={{ flex: 1, minHeight: 0 }}
        type="auto"
        scrollbarSize={8}
      >
        <Box p={{ base: 'xs', sm: 'md' }}>
          {heading ? <VisuallyHidden component="h2">{heading}</VisuallyHidden> : null}
          {content}
        </Box>
      </ScrollArea>
      <VisuallyHidden role="status" aria-live="polite" aria-atomic>
        {announcement}
      </VisuallyHidden>
      <Stack gap="xs" p={{ base: 'xs', sm: 'md' }} pt="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        {error ? (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} title={t('conversation.sendFailed')}>
            {errorMessage(error)}
          </Alert>
        ) : null}
        <Composer onSend={send} sending={sending} autoFocus={autoFocus} />
      </Stack>
    </Stack>
  );
}
