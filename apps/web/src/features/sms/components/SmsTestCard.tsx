import { Alert, Button, Group, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { useSendTestSms } from '../api';

/** SS-6: sends one test SMS with the saved provider (or keeps it in the outbox when there is none). */
export function SmsTestCard() {
  const { t } = useTranslation(['devices', 'common']);
  const send = useSendTestSms();
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (to.trim().length < 3) {
      setError(t('sms.test.numberRequired'));
      return;
    }
    setError(null);
    send.mutate(to.trim());
  };
  return (
    <SectionCard title={t('sms.test.title')} description={t('sms.test.text')}>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('sms.test.to')}
            placeholder="+39 333 123 4567"
            value={to}
            maxLength={40}
            error={error}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              send.reset();
            }}
            style={{ flex: '1 1 14rem' }}
          />
          <Button type="submit" variant="default" leftSection={<IconSend size={16} aria-hidden />} loading={send.isPending}>
            {t('sms.test.send')}
          </Button>
        </Group>
      </form>
      <FormError error={send.error} />
      {send.data && (
        <Alert role="status" color={send.data.status === 'sent' ? 'teal' : 'blue'} variant="light">
          {send.data.status === 'sent' ? t('sms.test.sent') : t('sms.test.outbox')}
        </Alert>
      )}
    </SectionCard>
  );
}
