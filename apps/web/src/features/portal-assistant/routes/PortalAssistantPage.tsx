import { Button, Grid, Paper } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/ui/PageHeader';
import { Conversation } from '../components/Conversation';
import { SessionList } from '../components/SessionList';

/**
 * AI-1: the chat page (`/assistant`, a past conversation at `/assistant/:id`): the conversation
 * beside the contact's past ones (below it on a phone). A new conversation gets its own
 * address once the first answer names it.
 */
export function PortalAssistantPage() {
  const { t } = useTranslation('chat');
  const { id } = useParams();
  const navigate = useNavigate();
  const sessionId = id ?? null;

  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={t('page.description')}
        actions={
          sessionId ? (
            <Button component={Link} to="/assistant" variant="light" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('page.new')}
            </Button>
          ) : null
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 1, md: 2 }}>
          <Paper withBorder radius="lg" p={0} h="calc(100dvh - 15rem)" mih={420} style={{ overflow: 'hidden' }}>
            <Conversation sessionId={sessionId} onSession={(next) => void navigate(`/assistant/${encodeURIComponent(next)}`, { replace: true })} heading={t('conversation.label')} autoFocus />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 2, md: 1 }}>
          <SessionList activeId={sessionId} />
        </Grid.Col>
      </Grid>
    </>
  );
}
