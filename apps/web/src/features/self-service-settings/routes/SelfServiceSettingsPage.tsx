import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useSelfServiceSettings } from '../../software/api';
import { CancelQueuedCard } from '../components/CancelQueuedCard';
import { PauseCard } from '../components/PauseCard';
import { TenantActionPolicies } from '../components/TenantActionPolicies';

/** SS-7: Admin > Customer portal > Self-service: pause new actions, cancel every queued one. */
export function SelfServiceSettingsPage() {
  const { t } = useTranslation('devices');
  const settings = useSelfServiceSettings();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('killSwitch.pageTitle')} description={t('killSwitch.pageDescription')} />
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <PauseCard current={settings.data} />
          <TenantActionPolicies key={JSON.stringify(settings.data.actionPolicies)} current={settings.data} />
        </>
      )}
      <CancelQueuedCard />
    </Stack>
  );
}
