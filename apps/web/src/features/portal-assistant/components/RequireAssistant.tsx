import { IconMessageOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { usePageTitle } from '../../../lib/document-title';
import { useContact } from '../../portal-auth/contact-context';

/** AI-2: without the Assistant section the chat pages explain it is not available (the API answers 404). */
export function RequireAssistant() {
  const me = useContact();
  return me.sections.assistant ? <Outlet /> : <AssistantUnavailable />;
}

function AssistantUnavailable() {
  const { t } = useTranslation('chat');
  usePageTitle(t('unavailable.title'));
  return <EmptyState icon={<IconMessageOff size={28} aria-hidden />} title={t('unavailable.title')} description={t('unavailable.text')} />;
}
