import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import type { AssistantCard } from '@porta/contracts/assistant';
import { IconBook2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type ArticlesData = Extract<AssistantCard, { kind: 'articles' }>;

/** AI-1: the KB articles an answer cites, best first, each a link to its portal page. */
export function ArticlesCard({ card }: { card: ArticlesData }) {
  const { t } = useTranslation('chat');
  if (card.articles.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap={6}>
        <Text size="sm" fw={600} component="h3" m={0}>
          {t('articles.title')}
        </Text>
        <Stack gap={4} component="ol" style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
          {card.articles.map((article) => (
            <li key={article.id}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <IconBook2 size={16} aria-hidden style={{ flex: 'none', marginTop: 3 }} />
                {/* The portal's own article page, whatever address the server sent along. */}
                <Anchor component={Link} to={`/kb/${encodeURIComponent(article.id)}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {article.title}
                </Anchor>
              </Group>
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
