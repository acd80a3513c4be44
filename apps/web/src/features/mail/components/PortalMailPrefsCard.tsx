import { Switch } from '@mantine/core';
import { portalMailPrefsSchema } from '@porta/contracts/mail';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { portalApi } from '../../../lib/api-clients';
import { notifySuccess } from '../../../lib/notify';
import { queryClient } from '../../../lib/query-client';

const KEY = ['portal', 'me', 'mail'] as const;

/** Portal settings: what mail the contact gets; primary contacts may opt in to every company ticket. */
export function PortalMailPrefsCard() {
  const { t } = useTranslation('mail');
  const prefs = useQuery({ queryKey: KEY, queryFn: () => portalApi.get('/api/v1/portal/me/mail', portalMailPrefsSchema) });
  const update = useMutation({
    mutationFn: (notifyCompanyTickets: boolean) => portalApi.patch('/api/v1/portal/me/mail', portalMailPrefsSchema, { notifyCompanyTickets }),
    onSuccess: (data) => {
      queryClient.setQueryData(KEY, data);
      notifySuccess(t('ui.portal.saved'));
    },
  });
  return (
    <SectionCard title={t('ui.portal.prefsTitle')} description={t('ui.portal.prefsText')}>
      {prefs.data?.canNotifyCompany && (
        <Switch
          label={t('ui.portal.notifyCompany')}
          checked={update.isPending ? update.variables : prefs.data.notifyCompanyTickets}
          disabled={update.isPending}
          onChange={(e) => update.mutate(e.currentTarget.checked)}
        />
      )}
      <FormError error={update.error ?? prefs.error} />
    </SectionCard>
  );
}
