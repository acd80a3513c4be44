import { Alert, Stack, Switch } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useTechnician } from '../../console-auth/technician-context';
import { useSecuritySettings, useUpdateSecuritySettings } from '../api';

export function SecuritySettingsPage() {
  const { t } = useTranslation(['console', 'common']);
  const user = useTechnician();
  const settings = useSecuritySettings();
  const update = useUpdateSecuritySettings();

  const toggle = (requireTotp: boolean) => {
    update.mutate(
      { requireTotp },
      { onSuccess: () => notifySuccess(requireTotp ? t('security.requireTotpOnNotice') : t('security.requireTotpOffNotice')) },
    );
  };

  return (
    <Stack gap="lg" maw={760}>
      <PageHeader title={t('security.title')} description={t('security.description')} />
      <SectionCard title={t('security.totpTitle')} description={t('security.totpDescription')}>
        {settings.isPending ? (
          <LoadingState />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <Stack gap="md">
            <Switch
              size="md"
              label={t('security.requireTotp')}
              description={t('security.requireTotpDescription')}
              checked={update.isPending ? (update.variables?.requireTotp ?? settings.data.requireTotp) : settings.data.requireTotp}
              disabled={update.isPending}
              onChange={(event) => toggle(event.currentTarget.checked)}
            />
            {!user.totpEnabled && (
              <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
                {t('security.selfNotice')}
              </Alert>
            )}
            <FormError error={update.error} />
          </Stack>
        )}
      </SectionCard>
    </Stack>
  );
}
