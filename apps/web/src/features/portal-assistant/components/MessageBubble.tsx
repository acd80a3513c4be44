import { Avatar, Box, Group, Loader, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconMessageChatbot } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../../components/ui/Markdown';
import { formatDateTime } from '../../../lib/format';

interface MessageBubbleProps {
  role: 'contact' | 'assistant';
  text: string;
  createdAt?: string;
  /** The reply is still streaming in (an empty one shows "thinking"). */
  streaming?: boolean;
  children?: ReactNode;
}

/**
 * One message of the conversation: the contact's on the right in the tenant's colour, the
 * assistant's on the left (its text is Markdown, rendered safely) with its cards below. Each
 * says who wrote it to a screen reader.
 */
export function MessageBubble({ role, text, createdAt, streaming = false, children }: MessageBubbleProps) {
  const { t } = useTranslation('chat');
  const mine = role === 'contact';
  return (
    <Group component="li" gap="xs" wrap="nowrap" align="flex-start" justify={mine ? 'flex-end' : 'flex-start'} aria-busy={streaming || undefined}>
      {!mine && (
        <Avatar size={32} radius="xl" color="grape" aria-hidden>
          <IconMessageChatbot size={18} />
        </Avatar>
      )}
      <Stack gap={6} maw={mine ? '85%' : 'min(100%, 40rem)'} style={{ minWidth: 0, flex: mine ? undefined : 1 }}>
        <Paper
          radius="lg"
          px="md"
          py="xs"
          withBorder={!mine}
          bg={mine ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-body)'}
          c={mine ? 'white' : undefined}
          style={{ alignSelf: mine ? 'flex-end' : 'flex-start', maxWidth: '100%' }}
        >
          <VisuallyHidden>{mine ? t('message.you') : t('message.assistant')}</VisuallyHidden>
          {mine ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {text}
            </Text>
          ) : text ? (
            <Markdown source={text} />
          ) : streaming ? (
            <Group gap="xs">
              <Loader size="xs" type="dots" aria-hidden />
              <Text size="sm" c="dimmed">
                {t('message.thinking')}
              </Text>
            </Group>
          ) : null}
        </Paper>
        {children ? <Box>{children}</Box> : null}
        {createdAt && (
          <Text size="xs" c="dimmed" ta={mine ? 'right' : 'left'}>
            <time dateTime={createdAt}>{formatDateTime(createdAt)}</time>
          </Text>
        )}
      </Stack>
    </Group>
  );
}
