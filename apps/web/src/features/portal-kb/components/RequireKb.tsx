import { IconBookOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { usePageTitle } from '../../../lib/document-title';
import { useContact } from '../../portal-auth/contact-context';

/** KB-2: without the Knowledge base section the pages explain it is not available (the API answers 404). */
export function RequireKb() {
  const me = useContact();
  return me.sections.kb ? <Outlet /> : <KbUnavailable />;
}

function KbUnavailable() {
  const { t } = useTranslation('kb');
  usePageTitle(t('portal.unavailableTitle'));
  return <EmptyState icon={<IconBookOff size={28} aria-hidden />} title={t('portal.unavailableTitle')} description={t('portal.unavailableText')} />;
}
