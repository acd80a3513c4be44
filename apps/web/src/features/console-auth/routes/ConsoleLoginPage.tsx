import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { techLoginBodySchema } from '@porta/contracts/auth';
import { IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '../../../components/ui/AuthLayout';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { isApiError } from '../../../lib/api-error';
import { PRODUCT_NAME } from '../../../lib/brand';
import { zodValidator } from '../../../lib/forms';
import { choosePreferredLanguage } from '../../../lib/i18n';
import { useCurrentLanguage } from '../../../lib/use-language';
import { useSetupStatus } from '../../setup/status';
import { useTenantInfo } from '../../tenant/api';
import { useConsoleLogin, useConsoleSession } from '../api';
import { safeConsolePath } from '../safe-next';
import { PasswordField } from '../../../components/ui/PasswordField';

const credentialsSchema = techLoginBodySchema.pick({ email: true, password: true });

export function ConsoleLoginPage() {
  const { t } = useTranslation(['console', 'common']);
  const language = useCurrentLanguage();
  const [params] = useSearchParams();
  const next = safeConsolePath(params.get('next'));
  const setup = useSetupStatus();
  const session = useConsoleSession();
  const tenant = useTenantInfo();

  if (setup.data?.needed) return <Navigate to={{ pathname: '/console/setup', search: params.toString() }} replace />;
  if (session.data) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      brand={tenant.data?.name ?? PRODUCT_NAME}
      title={t('login.title')}
      subtitle={t('login.subtitle')}
      language={language}
      onLanguageChange={choosePreferredLanguage}
      footer={
        <Anchor component={Link} to="/login" size="sm">
          {t('login.portalLink')}
        </Anchor>
      }
    >
      {setup.isPending || session.isPending ? <LoadingState /> : <LoginForm next={next} />}
    </AuthLayout>
  );
}

function LoginForm({ next }: { next: string }) {
  const { t } = useTranslation(['console', 'common']);
  const navigate = useNavigate();
  const login = useConsoleLogin();
  const [needsTotp, setNeedsTotp] = useState(false);
  const [totp, setTotp] = useState('');
  const form = useForm({ initialValues: { email: '', password: '' }, validate: zodValidator(credentialsSchema) });

  const submit = form.onSubmit((values) => {
    const code = totp.replace(/\s+/g, '');
    login.mutate(needsTotp ? { ...values, totp: code } : values, {
      onSuccess: () => void navigate(next, { replace: true }),
      onError: (error) => {
        if (isApiError(error, 'TOTP_REQUIRED')) setNeedsTotp(true);
      },
    });
  });

  const startOver = () => {
    setNeedsTotp(false);
    setTotp('');
    form.setFieldValue('password', '');
    login.reset();
  };

  // Asking for the code is a step of the flow, not a failure: do not show it as an error.
  const shownError = isApiError(login.error, 'TOTP_REQUIRED') ? null : login.error;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {needsTotp ? (
          <>
            <Stack gap={4} align="flex-start">
              <IconShieldLock size={28} aria-hidden color="var(--mantine-primary-color-filled)" />
              <Text fw={600}>{t('login.totpTitle')}</Text>
              <Text size="sm" c="dimmed">
                {t('login.totpText')}
              </Text>
            </Stack>
            <TextInput
              label={t('login.totpCode')}
              value={totp}
              onChange={(event) => setTotp(event.currentTarget.value)}
              autoComplete="one-time-code"
              inputMode="text"
              autoFocus
              spellCheck={false}
            />
          </>
        ) : (
          <>
            <TextInput label={t('login.email')} type="email" autoComplete="username" autoFocus {...form.getInputProps('email')} />
            <PasswordField label={t('login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          </>
        )}
        <FormError error={shownError} />
        <Button type="submit" fullWidth loading={login.isPending} mt="xs" disabled={needsTotp && totp.trim().length < 6}>
          {needsTotp ? t('login.totpSubmit') : t('login.submit')}
        </Button>
        {needsTotp && (
          <Button variant="subtle" color="gray" onClick={startOver}>
            {t('login.totpBack')}
          </Button>
        )}
      </Stack>
    </form>
  );
}
