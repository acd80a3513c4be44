import { Alert, Button, Checkbox, Code, Group, NumberInput, PasswordInput, Radio, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import type { MailSettings } from '@porta/contracts/mail';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { type MailSettingsPatch, useMailSettings, useUpdateMailSettings } from '../api';

/** Issue 5: portal address for links, sender, SMTP server, incoming addresses and the unknown-sender policy. */
export function MailSettingsPage() {
  const { t } = useTranslation('mail');
  const settings = useMailSettings();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('ui.settings.title')} description={t('ui.settings.description')} />
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <MailSettingsForm key={JSON.stringify(settings.data)} current={settings.data} />
      )}
    </Stack>
  );
}

function MailSettingsForm({ current }: { current: MailSettings }) {
  const { t } = useTranslation(['mail', 'common']);
  const update = useUpdateMailSettings();
  const [portalAddress, setPortalAddress] = useState(current.portalAddress ?? '');
  const [fromName, setFromName] = useState(current.fromName ?? '');
  const [fromAddress, setFromAddress] = useState(current.fromAddress ?? '');
  const [ownSmtp, setOwnSmtp] = useState(current.smtp !== null);
  const [host, setHost] = useState(current.smtp?.host ?? '');
  const [port, setPort] = useState<number>(current.smtp?.port ?? 587);
  const [secure, setSecure] = useState(current.smtp?.secure ?? false);
  const [user, setUser] = useState(current.smtp?.user ?? '');
  const [password, setPassword] = useState('');
  const [addresses, setAddresses] = useState(current.inboundAddresses.join('\n'));
  const [unknownSenders, setUnknownSenders] = useState(current.unknownSenders);

  const save = () => {
    const patch: MailSettingsPatch = {
      portalAddress: portalAddress.trim() || null,
      fromName: fromName.trim() || null,
      fromAddress: fromAddress.trim() || null,
      smtp: ownSmtp ? { host: host.trim(), port, secure, user: user.trim() || null, ...(password && { password }) } : null,
      unknownSenders,
      inboundAddresses: addresses
        .split(/\s+/)
        .map((a) => a.trim())
        .filter(Boolean),
    };
    update.mutate(patch, { onSuccess: () => notifySuccess(t('ui.settings.saved')) });
  };

  return (
    <Stack gap="lg">
      <SectionCard title={t('ui.settings.addressTitle')} description={t('ui.settings.addressText', { address: current.effectivePortalAddress })}>
        <TextInput label={t('ui.settings.portalAddress')} placeholder={current.effectivePortalAddress} value={portalAddress} onChange={(e) => setPortalAddress(e.currentTarget.value)} type="url" />
      </SectionCard>
      <SectionCard title={t('ui.settings.senderTitle')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('ui.settings.fromName')} value={fromName} onChange={(e) => setFromName(e.currentTarget.value)} />
          <TextInput label={t('ui.settings.fromAddress')} placeholder={current.defaultInboundAddress} value={fromAddress} onChange={(e) => setFromAddress(e.currentTarget.value)} type="email" />
        </SimpleGrid>
      </SectionCard>
      <SectionCard title={t('ui.settings.smtpTitle')}>
        <Alert variant="light" color={current.delivery === 'none' ? 'yellow' : 'blue'} icon={<IconInfoCircle size={18} aria-hidden />}>
          {t(`ui.settings.delivery.${current.delivery}`)}
        </Alert>
        <Switch label={t('ui.settings.useOwnSmtp')} checked={ownSmtp} onChange={(e) => setOwnSmtp(e.currentTarget.checked)} />
        {ownSmtp && (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('ui.settings.host')} required value={host} onChange={(e) => setHost(e.currentTarget.value)} />
              <NumberInput label={t('ui.settings.port')} min={1} max={65535} value={port} onChange={(v) => setPort(typeof v === 'number' ? v : Number(v) || 587)} />
              <TextInput label={t('ui.settings.user')} value={user} onChange={(e) => setUser(e.currentTarget.value)} autoComplete="off" />
              <PasswordInput
                label={t('ui.settings.password')}
                description={current.smtp?.passwordSet ? t('ui.settings.passwordKept') : undefined}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                autoComplete="new-password"
              />
            </SimpleGrid>
            <Checkbox label={t('ui.settings.secure')} checked={secure} onChange={(e) => setSecure(e.currentTarget.checked)} />
          </Stack>
        )}
      </SectionCard>
      <SectionCard title={t('ui.settings.inboundTitle')} description={t('ui.settings.inboundText', { address: current.defaultInboundAddress })}>
        <Code>{current.defaultInboundAddress}</Code>
        <Textarea label={t('ui.settings.extraAddresses')} autosize minRows={2} value={addresses} onChange={(e) => setAddresses(e.currentTarget.value)} />
        <Radio.Group label={t('ui.settings.unknownSenders')} value={unknownSenders} onChange={(v) => setUnknownSenders(v === 'reject' ? 'reject' : 'triage')}>
          <Stack gap="xs" mt="xs">
            <Radio value="triage" label={t('ui.settings.unknownTriage')} />
            <Radio value="reject" label={t('ui.settings.unknownReject')} />
          </Stack>
        </Radio.Group>
      </SectionCard>
      <FormError error={update.error} />
      <Group>
        <Button onClick={save} loading={update.isPending}>
          {t('common:actions.save')}
        </Button>
      </Group>
    </Stack>
  );
}
