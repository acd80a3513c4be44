import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useTechnician } from '../technician-context';

/** Admin-only console pages: others see an explanation (the server refuses them anyway). */
export function RequireAdmin() {
  const { t } = useTranslation(['console', 'common']);
  const user = useTechnician();
  if (!user.isAdmin) {
    return <EmptyState icon={<IconLock size={28} aria-hidden />} title={t('adminOnly.title')} description={t('adminOnly.text')} />;
  }
  return <Outlet />;
}
