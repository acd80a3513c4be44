import { Button, Group, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { SmsSettings } from '@porta/contracts/sms';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { showServerFieldErrors } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { type SmsSettingsInput, useUpdateSmsSettings } from '../api';

type Provider = SmsSettings['provider'];

interface Values {
  provider: Provider;
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  url: string;
  secret: string;
}

const FIELDS = ['baseUrl', 'accountSid', 'authToken', 'from', 'url', 'secret'] as const;

function initialValues(s: SmsSettings): Values {
  return {
    provider: s.provider,
    baseUrl: s.provider === 'twilio' ? s.baseUrl : 'https://api.twilio.com',
    accountSid: s.provider === 'twilio' ? s.accountSid : '',
    authToken: '',
    from: s.provider === 'twilio' ? s.from : '',
    url: s.provider === 'webhook' ? s.url : '',
    secret: '',
  };
}

/** Secrets are sent only when typed: blank keeps the stored one (the server never shows it back). */
function toInput(v: Values): SmsSettingsInput {
  if (v.provider === 'twilio') return { provider: 'twilio', baseUrl: v.baseUrl.trim(), accountSid: v.accountSid.trim(), from: v.from.trim(), ...(v.authToken && { authToken: v.authToken }) };
  if (v.provider === 'webhook') return { provider: 'webhook', url: v.url.trim(), ...(v.secret && { secret: v.secret }) };
  return { provider: 'outbox' };
}

/** SS-6: which SMS provider sends the tenant's codes and passwords. */
export function SmsProviderForm({ current }: { current: SmsSettings }) {
  const { t } = useTranslation(['devices', 'common']);
  const update = useUpdateSmsSettings();
  const hasToken = current.provider === 'twilio' && current.hasAuthToken;
  const hasSecret = current.provider === 'webhook' && current.hasSecret;
  const form = useForm<Values>({
    initialValues: initialValues(current),
    validate: {
      baseUrl: (v, all) => (all.provider === 'twilio' && !/^https?:\/\/\S+$/.test(v.trim()) ? t('sms.settings.urlFormat') : null),
      accountSid: (v, all) => (all.provider === 'twilio' && !/^[A-Za-z0-9]{8,64}$/.test(v.trim()) ? t('sms.settings.sidFormat') : null),
      authToken: (v, all) => (all.provider === 'twilio' && (v ? v.length < 8 : !hasToken) ? t('sms.settings.tokenRequired') : null),
      from: (v, all) => (all.provider === 'twilio' && !/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/.test(v.trim()) ? t('sms.settings.fromFormat') : null),
      url: (v, all) => (all.provider === 'webhook' && !/^https:\/\/\S+$/.test(v.trim()) ? t('sms.settings.webhookFormat') : null),
      secret: (v, all) => (all.provider === 'webhook' && (v ? v.length < 16 : !hasSecret) ? t('sms.settings.secretRequired') : null),
    },
  });
  const provider = form.values.provider;
  const submit = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync(toInput(values));
      notifySuccess(t('sms.settings.saved'));
    } catch (failure) {
      showServerFieldErrors(form, failure, FIELDS);
    }
  });
  const keep = t('sms.settings.leaveBlank');

  return (
    <SectionCard title={t('sms.settings.providerTitle')} description={t('sms.settings.providerText')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Radio.Group label={t('sms.settings.provider')} {...form.getInputProps('provider')}>
            <Stack gap="xs" mt="xs">
              <Radio value="outbox" label={t('sms.settings.providers.outbox')} description={t('sms.settings.providers.outboxText')} />
              <Radio value="twilio" label={t('sms.settings.providers.twilio')} description={t('sms.settings.providers.twilioText')} />
              <Radio value="webhook" label={t('sms.settings.providers.webhook')} description={t('sms.settings.providers.webhookText')} />
            </Stack>
          </Radio.Group>
          {provider === 'twilio' && (
            <>
              <TextInput label={t('sms.settings.baseUrl')} required maxLength={500} {...form.getInputProps('baseUrl')} />
              <TextInput label={t('sms.settings.accountSid')} required maxLength={64} ff="monospace" autoComplete="off" {...form.getInputProps('accountSid')} />
              <PasswordInput
                label={t('sms.settings.authToken')}
                description={hasToken ? keep : undefined}
                placeholder={hasToken ? '••••••••' : undefined}
                required={!hasToken}
                maxLength={200}
                autoComplete="new-password"
                {...form.getInputProps('authToken')}
              />
              <TextInput label={t('sms.settings.from')} description={t('sms.settings.fromHint')} required maxLength={40} {...form.getInputProps('from')} />
            </>
          )}
          {provider === 'webhook' && (
            <>
              <TextInput label={t('sms.settings.webhookUrl')} description={t('sms.settings.webhookHint')} required maxLength={500} {...form.getInputProps('url')} />
              <PasswordInput
                label={t('sms.settings.secret')}
                description={hasSecret ? keep : t('sms.settings.secretHint')}
                placeholder={hasSecret ? '••••••••' : undefined}
                required={!hasSecret}
                maxLength={200}
                autoComplete="new-password"
                {...form.getInputProps('secret')}
              />
            </>
          )}
          <FormError error={update.error} />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
