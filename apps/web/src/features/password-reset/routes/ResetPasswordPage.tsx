import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ResetLayout } from '../components/ResetLayout';
import { FormError } from '../../../components/ui/FormError';
import { PasswordField } from '../../../components/ui/PasswordField';
import { NewPasswordField } from '../../../components/password/NewPasswordField';
import { useResetPassword } from '../api';

/** the link from the reset mail lands here (`/reset-password?token=…`). */
export function ResetPasswordPage() {
  const { t } = useTranslation('mail');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  return (
    <ResetLayout title={t('ui.reset.title')}>
      {!token ? (
        <Alert color="yellow" variant="light">
          {t('ui.reset.missing')}
        </Alert>
      ) : reset.isSuccess ? (
        <Stack gap="sm">
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} role="status">
            <Text size="sm">{t('ui.reset.done')}</Text>
          </Alert>
          <Button component={Link} to="/login" fullWidth>
            {t('ui.forgot.back')}
          </Button>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (password !== repeat) return setMismatch(true);
            setMismatch(false);
            reset.mutate({ token, newPassword: password });
          }}
        >
          <Stack gap="sm">
            <NewPasswordField label={t('ui.reset.newPassword')} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <PasswordField
              label={t('ui.reset.repeat')}
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={mismatch ? t('ui.reset.mismatch') : undefined}
            />
            <FormError error={reset.error} />
            <Button type="submit" fullWidth loading={reset.isPending}>
              {t('ui.reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </ResetLayout>
  );
}
