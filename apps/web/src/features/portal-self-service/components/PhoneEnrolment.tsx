import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { useSendPhoneCode, useVerifyPhone } from '../api';
import { CodeField } from './CodeField';

/** SS-6: the contact enrols a mobile number (number → SMS code → verified), then the action goes on. */
export function PhoneEnrolment({ onVerified }: { onVerified: () => void }) {
  const { t } = useTranslation('devices');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const send = useSendPhoneCode();
  const verify = useVerifyPhone();

  const submitPhone = (e: FormEvent) => {
    e.preventDefault();
    send.mutate(phone.trim());
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate(code, { onSuccess: (state) => state.verified && onVerified() });
  };

  if (!send.data) {
    return (
      <form onSubmit={submitPhone} noValidate>
        <Stack>
          <Text size="sm">{t('selfService.phoneIntro')}</Text>
          <TextInput label={t('selfService.phoneLabel')} description={t('selfService.phoneHint')} type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} required data-autofocus />
          <FormError error={send.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending} disabled={phone.trim().length < 3}>
              {t('selfService.sendCode')}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }
  return (
    <form onSubmit={submitCode} noValidate>
      <Stack>
        <Text size="sm" role="status">{t('selfService.phoneCodeSent', { phone: send.data.phone })}</Text>
        <CodeField value={code} onChange={setCode} />
        <FormError error={verify.error} />
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => { send.reset(); verify.reset(); setCode(''); }}>
            {t('selfService.changePhone')}
          </Button>
          <Button type="submit" loading={verify.isPending} disabled={code.length !== 6}>
            {t('selfService.verifyPhone')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
