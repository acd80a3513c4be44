import { Button, Group, Radio, Stack } from '@mantine/core';
import type { PortalSettings, SectionSetting } from '@porta/contracts/portal-settings';
import { IconBook2, IconDeviceLaptop, IconMessageChatbot, IconTicket } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { CustomerMultiSelect } from '../../customers/components/CustomerMultiSelect';
import { usePortalSettings, useUpdatePortalSettings } from '../api';
import { WelcomeEmailCard } from '../../mail/components/WelcomeEmailCard';
import { AssistantOptionsCard } from '../../assistant-settings/components/AssistantOptionsCard';
import { useBranding } from '../../branding/api';
import { BrandingCard } from '../../branding/components/BrandingCard';
import { PortalAddressCard } from '../../branding/components/PortalAddressCard';
import { useTenantInfo } from '../../tenant/api';
import { CustomDomainsCard } from '../../custom-domains/components/CustomDomainsCard';
import { CertificatesCard } from '../../tls-settings/components/CertificatesCard';

type Section = keyof PortalSettings['sections'];
const SECTIONS: { key: Section; icon: ReactNode }[] = [
  { key: 'tickets', icon: <IconTicket size={20} aria-hidden /> },
  { key: 'kb', icon: <IconBook2 size={20} aria-hidden /> },
  { key: 'assistant', icon: <IconMessageChatbot size={20} aria-hidden /> },
  { key: 'selfService', icon: <IconDeviceLaptop size={20} aria-hidden /> },
];

/** T-2: each portal section off, on for everyone, or on for chosen customers. */
export function CustomerPortalSettingsPage() {
  const { t } = useTranslation(['console', 'common']);
  const settings = usePortalSettings();

  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('portalSettings.title')} description={t('portalSettings.description')} />
      <BrandingSection />
      <CertificatesCard />
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          {SECTIONS.map((section) => (
            <SectionForm key={`${section.key}:${JSON.stringify(settings.data.sections[section.key])}`} section={section.key} icon={section.icon} current={settings.data.sections[section.key]} />
          ))}
          <AssistantOptionsCard key={JSON.stringify(settings.data.assistant)} current={settings.data.assistant} />
          <WelcomeEmailCard key={JSON.stringify(settings.data.welcomeEmail)} current={settings.data.welcomeEmail} />
        </>
      )}
      <CustomDomainsCard />
    </Stack>
  );
}

/** D-1, D-4: the portal's address and its branding. */
function BrandingSection() {
  const branding = useBranding();
  const tenant = useTenantInfo();
  if (branding.isPending) return <LoadingState />;
  if (branding.isError) return <ErrorState error={branding.error} onRetry={() => void branding.refetch()} />;
  return (
    <>
      <PortalAddressCard address={branding.data.portalAddress} />
      <BrandingCard key={`${branding.data.portalName}|${branding.data.primaryColor}`} current={branding.data} tenantName={tenant.data?.name ?? ''} />
    </>
  );
}

function SectionForm({ section, icon, current }: { section: Section; icon: ReactNode; current: SectionSetting }) {
  const { t } = useTranslation(['console', 'common']);
  const update = useUpdatePortalSettings();
  const [mode, setMode] = useState(current.mode);
  const [customerIds, setCustomerIds] = useState(current.customerIds);
  const [error, setError] = useState<string | null>(null);
  const dirty = mode !== current.mode || customerIds.join() !== current.customerIds.join();
  const title = t(`portalSettings.sections.${section}.title`);

  const save = () => {
    if (mode === 'selected' && customerIds.length === 0) {
      setError(t('portalSettings.chooseCustomers'));
      return;
    }
    setError(null);
    // The saved settings re-key this form: notify from the promise, which outlives the unmount.
    update
      .mutateAsync({ sections: { [section]: { mode, customerIds: mode === 'selected' ? customerIds : [] } } })
      .then(() => notifySuccess(t('portalSettings.saved', { section: title })))
      .catch(() => undefined);
  };

  return (
    <SectionCard
      title={
        <Group gap="xs" component="span">
          {icon}
          {title}
        </Group>
      }
      description={t(`portalSettings.sections.${section}.text`)}
    >
      <Radio.Group label={t('portalSettings.modeLabel', { section: title })} value={mode} onChange={(value) => setMode(value === 'all' || value === 'selected' ? value : 'off')}>
        <Stack gap="xs" mt="xs">
          <Radio value="off" label={t('portalSettings.modes.off')} />
          <Radio value="all" label={t('portalSettings.modes.all')} />
          <Radio value="selected" label={t('portalSettings.modes.selected')} />
        </Stack>
      </Radio.Group>
      {mode === 'selected' && (
        <CustomerMultiSelect
          label={t('portalSettings.customers')}
          placeholder={t('customerSelect.placeholder')}
          value={customerIds}
          onChange={(ids) => {
            setCustomerIds(ids);
            setError(null);
          }}
          error={error}
        />
      )}
      <FormError error={update.error} />
      <Group>
        <Button onClick={save} loading={update.isPending} disabled={!dirty}>
          {t('common:actions.save')}
        </Button>
      </Group>
    </SectionCard>
  );
}
