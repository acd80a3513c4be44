import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { PortalKbItem } from '@porta/contracts/kb';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { highlightParts } from '../highlight';

/** The snippet as text, matched words wrapped in <mark> from the server's offsets (never HTML from the server). */
function Highlighted({ text, highlights }: { text: string; highlights: Array<[number, number]> }) {
  return (
    <>
      {highlightParts(text, highlights).map((p, i) => (
        <Fragment key={i}>{p.mark ? <mark>{p.text}</mark> : p.text}</Fragment>
      ))}
    </>
  );
}

/** Articles as cards: title (link), excerpt with highlights, and a note when shown in another language. */
export function KbArticleList({ items, label }: { items: PortalKbItem[]; label: string }) {
  const { t } = useTranslation('kb');
  return (
    <Stack gap="sm" component="ul" aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => (
        <Card key={item.id} component="li" withBorder radius="md" p="md">
          <Group gap="xs" wrap="nowrap" align="baseline">
            <Anchor component={Link} to={`/kb/${item.id}`} fw={600} size="lg" style={{ overflowWrap: 'anywhere' }} className="kb-title">
              <Highlighted text={item.title} highlights={item.titleHighlights} />
            </Anchor>
            {item.fallback && (
              <Badge size="xs" variant="outline" tt="uppercase" title={t('portal.inOtherLanguage')}>
                {item.language}
              </Badge>
            )}
          </Group>
          {item.snippet && (
            <Text size="sm" c="dimmed" mt={4} className="kb-snippet">
              <Highlighted text={item.snippet} highlights={item.highlights} />
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}
