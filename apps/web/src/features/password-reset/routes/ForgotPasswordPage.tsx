import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResetLayout } from '../components/ResetLayout';
import { FormError } from '../../../components/ui/FormError';
import { useForgotPassword } from '../api';

/** "Forgot password" in the portal. */
export function ForgotPasswordPage() {
  const { t } = useTranslation('mail');
  const forgot = useForgotPassword();
  const [login, setLogin] = useState('');

  return (
    <ResetLayout title={t('ui.forgot.title')} subtitle={t('ui.forgot.text')}>
      {forgot.isSuccess ? (
        <Alert color="teal" variant="light" icon={<IconMailCheck size={18} aria-hidden />} role="status">
          <Text size="sm">{t('ui.forgot.sent')}</Text>
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (login.trim()) forgot.mutate(login.trim());
          }}
        >
          <Stack gap="sm">
            <TextInput label={t('ui.forgot.login')} autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus required value={login} onChange={(e) => setLogin(e.currentTarget.value)} />
            <FormError error={forgot.error} />
            <Button type="submit" fullWidth loading={forgot.isPending}>
              {t('ui.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </ResetLayout>
  );
}
