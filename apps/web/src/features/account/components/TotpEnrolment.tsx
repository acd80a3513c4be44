import { Button, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyValue } from '../../../components/ui/CopyValue';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { notifySuccess } from '../../../lib/notify';
import { useEnableTotp, useStartTotpSetup } from '../api';

interface TotpEnrolmentProps {
  canCancel: boolean;
  onCancel: () => void;
  onEnabled: (recoveryCodes: string[]) => void;
}

export function TotpEnrolment({ canCancel, onCancel, onEnabled }: TotpEnrolmentProps) {
  const { t } = useTranslation(['console', 'common']);
  const setup = useStartTotpSetup();
  const enable = useEnableTotp();
  const [code, setCode] = useState('');
  const { mutate: start } = setup;

  useEffect(() => start(), [start]);

  if (setup.isIdle || setup.isPending) return <LoadingState />;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => start()} />;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    enable.mutate(code.replace(/\s+/g, ''), {
      onSuccess: ({ recoveryCodes }) => {
        notifySuccess(t('account.totp.enabledNotice'));
        onEnabled(recoveryCodes);
      },
    });
  };

  const qrSrc = `data:image/svg+xml;utf8,${encodeURIComponent(setup.data.qrSvg)}`;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <List type="ordered" spacing="xs" size="sm">
          <List.Item>{t('account.totp.step1')}</List.Item>
          <List.Item>{t('account.totp.step2')}</List.Item>
          <List.Item>{t('account.totp.step3')}</List.Item>
        </List>
        <Group align="flex-start" gap="lg">
          <Image src={qrSrc} alt={t('account.totp.qrAlt')} w={184} h={184} fit="contain" bg="white" p={8} radius="md" style={{ border: '1px solid var(--mantine-color-gray-3)' }} />
          <Stack gap="sm" style={{ flex: '1 1 14rem', minWidth: 0 }}>
            <Text size="sm" c="dimmed">
              {t('account.totp.manual')}
            </Text>
            <CopyValue label={t('account.totp.secret')} value={setup.data.secret} wrap testId="totp-secret" />
            <TextInput
              label={t('account.totp.code')}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={8}
              required
              w={200}
            />
          </Stack>
        </Group>
        <FormError error={enable.error} />
        <Group gap="sm">
          <Button type="submit" loading={enable.isPending} disabled={code.replace(/\s+/g, '').length < 6}>
            {t('account.totp.confirm')}
          </Button>
          {canCancel && (
            <Button variant="default" onClick={onCancel} disabled={enable.isPending}>
              {t('common:actions.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
