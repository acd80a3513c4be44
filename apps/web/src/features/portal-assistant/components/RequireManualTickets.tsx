import { Button } from '@mantine/core';
import { IconMessageChatbot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useContact } from '../../portal-auth/contact-context';
import { manualTicketsAllowed } from '../manual-tickets';

/** AI-4: the New ticket form only while manual ticket creation is on; otherwise the way to the assistant. */
export function RequireManualTickets() {
  const me = useContact();
  return manualTicketsAllowed(me) ? <Outlet /> : <TicketsThroughAssistant assistant={me.sections.assistant} />;
}

function TicketsThroughAssistant({ assistant }: { assistant: boolean }) {
  const { t } = useTranslation(['chat', 'portal']);
  return (
    <>
      <PageHeader title={t('portal:tickets.new.title')} />
      <EmptyState
        icon={<IconMessageChatbot size={28} aria-hidden />}
        title={t('chat:tickets.manualOffTitle')}
        description={assistant ? t('chat:tickets.manualOffText') : t('chat:tickets.manualOffNoAssistant')}
        action={
          assistant ? (
            <Button component={Link} to="/assistant" leftSection={<IconMessageChatbot size={16} aria-hidden />}>
              {t('chat:tickets.askAssistant')}
            </Button>
          ) : undefined
        }
      />
    </>
  );
}
