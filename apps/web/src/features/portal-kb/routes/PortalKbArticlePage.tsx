import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { LANGUAGE_NAMES } from '@porta/i18n/languages';
import { IconLanguage, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { DetailError } from '../../../components/ui/DetailError';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { Markdown } from '../../../components/ui/Markdown';
import { PageHeader } from '../../../components/ui/PageHeader';
import { formatDate } from '../../../lib/format';
import { usePortalKbArticle, usePortalKbVote } from '../api';

/** KB-1: an article in the contact's language (or the default one, saying so), and "was this helpful?". */
export function PortalKbArticlePage() {
  const { t } = useTranslation('kb');
  const { id = '' } = useParams();
  const article = usePortalKbArticle(id);
  const vote = usePortalKbVote(id);
  const back = <BackLink to="/kb" label={t('portal.title')} />;
  if (article.isPending) return <LoadingState />;
  if (article.isError) {
    return <DetailError error={article.error} back={{ to: '/kb', label: t('portal.title') }} title={t('portal.title')} onRetry={() => void article.refetch()} />;
  }
  const a = article.data;
  return (
    <>
      <PageHeader
        above={back}
        title={a.title}
        description={
          <Group component="span" gap="xs">
            {a.category && <Badge variant="light" color="teal" tt="none" c="var(--mantine-color-text)">{a.category.name}</Badge>}
            {t('portal.updated', { date: formatDate(a.updatedAt) })}
          </Group>
        }
      />
      <Stack gap="lg">
        {a.fallback && (
          <Alert color="blue" variant="light" icon={<IconLanguage size={18} aria-hidden />}>
            {t('portal.fallback', { requested: LANGUAGE_NAMES[a.requestedLanguage], shown: LANGUAGE_NAMES[a.language] })}
          </Alert>
        )}
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} lang={a.language}>
          <Markdown source={a.body} images={a.externalImages} />
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text fw={600} id="kb-helpful">
              {a.myVote === null ? t('portal.helpfulQuestion') : t('portal.helpfulThanks')}
            </Text>
            <Group gap="xs" role="group" aria-labelledby="kb-helpful">
              <Button variant={a.myVote === true ? 'filled' : 'default'} leftSection={<IconThumbUp size={16} aria-hidden />} aria-pressed={a.myVote === true} onClick={() => vote.mutate(true)} loading={vote.isPending && vote.variables}>
                {t('portal.yes')}
              </Button>
              <Button variant={a.myVote === false ? 'filled' : 'default'} leftSection={<IconThumbDown size={16} aria-hidden />} aria-pressed={a.myVote === false} onClick={() => vote.mutate(false)} loading={vote.isPending && !vote.variables}>
                {t('portal.no')}
              </Button>
            </Group>
          </Group>
          <FormError error={vote.error} />
        </Paper>
      </Stack>
    </>
  );
}
