import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { notifySuccess } from '../../../lib/notify';
import { useDisableTotp } from '../api';
import { PasswordField } from '../../../components/ui/PasswordField';
import { AppModal } from '../../../components/ui/AppModal';

interface DisableTotpModalProps {
  opened: boolean;
  onClose: () => void;
}

/** Turning the authenticator off asks for the password again. */
export function DisableTotpModal({ opened, onClose }: DisableTotpModalProps) {
  const { t } = useTranslation(['console', 'common']);
  const disable = useDisableTotp();
  const [password, setPassword] = useState('');

  const close = () => {
    setPassword('');
    disable.reset();
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    disable.mutate(password, {
      onSuccess: () => {
        notifySuccess(t('account.totp.disabledNotice'));
        close();
      },
    });
  };

  return (
    <AppModal opened={opened} onClose={close} title={t('account.totp.disableTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('account.totp.disableText')}</Text>
          <PasswordField
            label={t('account.totp.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="current-password"
            required
            data-autofocus
          />
          <FormError error={disable.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={disable.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={disable.isPending} disabled={!password}>
              {t('account.totp.disable')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
