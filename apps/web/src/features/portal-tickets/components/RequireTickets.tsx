import { IconTicketOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { usePageTitle } from '../../../lib/document-title';
import { useContact } from '../../portal-auth/contact-context';

/** T-2: without the Ticketing section the pages explain it is not available (the API answers 404). */
export function RequireTickets() {
  const me = useContact();
  return me.sections.tickets ? <Outlet /> : <TicketsUnavailable />;
}

function TicketsUnavailable() {
  const { t } = useTranslation(['portal', 'common']);
  usePageTitle(t('tickets.unavailableTitle'));
  return <EmptyState icon={<IconTicketOff size={28} aria-hidden />} title={t('tickets.unavailableTitle')} description={t('tickets.unavailableText')} />;
}
