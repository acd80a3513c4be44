import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useSmsSettings } from '../api';
import { SmsProviderForm } from '../components/SmsProviderForm';
import { SmsTestCard } from '../components/SmsTestCard';

/** SS-6: Admin > SMS: the provider and a test send. */
export function SmsSettingsPage() {
  const { t } = useTranslation('devices');
  const settings = useSmsSettings();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader
        title={t('sms.settings.title')}
        description={
          <Text component="span" size="sm" c="dimmed">
            {t('sms.settings.description')}{' '}
            <Anchor component={Link} to="/console/sms" size="sm" underline="always">
              {t('sms.outbox.title')}
            </Anchor>
          </Text>
        }
      />
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SmsProviderForm key={JSON.stringify(settings.data)} current={settings.data} />
      )}
      <SmsTestCard />
    </Stack>
  );
}
