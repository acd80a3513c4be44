import { Avatar, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { TicketComment } from '@porta/contracts/tickets';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../../components/ui/Markdown';
import { formatDateTime } from '../../../lib/format';
import { initials } from '../../../lib/initials';

interface CommentListProps {
  comments: TicketComment[];
  /** The signed-in person, whose own comments read "You". */
  me: { kind: 'contact' | 'technician'; id: string };
  /** In the portal, technicians appear as the support team. */
  area: 'console' | 'portal';
}

/** The conversation, oldest first. Internal notes (console only) stand out in yellow with a lock. */
export function CommentList({ comments, me, area }: CommentListProps) {
  const { t } = useTranslation();
  return (
    <Stack component="ol" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('tickets.comments.title')}>
      {comments.map((comment) => {
        const mine = comment.author.kind === me.kind && comment.author.id === me.id;
        const name = comment.author.kind === 'system' ? t('tickets.comments.system') : comment.author.name;
        const staff = comment.author.kind === 'technician';
        return (
          <li key={comment.id}>
            <Paper
              component="article"
              withBorder
              radius="md"
              p="md"
              data-testid={comment.internal ? 'internal-note' : 'public-comment'}
              bg={comment.internal ? 'var(--mantine-color-yellow-0)' : staff && area === 'portal' ? 'var(--mantine-color-indigo-0)' : undefined}
              style={comment.internal ? { borderColor: 'var(--mantine-color-yellow-5)', borderLeftWidth: 4 } : undefined}
              aria-label={comment.internal ? t('tickets.comments.internalBy', { name }) : t('tickets.comments.by', { name })}
            >
              <Group justify="space-between" gap="xs" mb="xs" wrap="wrap">
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Avatar size={28} radius="xl" color={staff ? 'indigo' : 'teal'} aria-hidden>
                    {initials(name)}
                  </Avatar>
                  <Text size="sm" fw={600} truncate>
                    {mine ? t('tickets.comments.you') : name}
                  </Text>
                  {staff && area === 'portal' && (
                    <Badge size="xs" variant="light" color="indigo" c="indigo.9">
                      {t('tickets.comments.support')}
                    </Badge>
                  )}
                  {comment.internal && (
                    <Badge size="sm" variant="filled" color="yellow" c="dark.8" leftSection={<IconLock size={12} aria-hidden />}>
                      {t('tickets.comments.internal')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" component="time" dateTime={comment.createdAt}>
                  {formatDateTime(comment.createdAt)}
                </Text>
              </Group>
              <Markdown source={comment.body} />
            </Paper>
          </li>
        );
      })}
    </Stack>
  );
}
