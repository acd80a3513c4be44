import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '../../../components/ui/AuthLayout';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PRODUCT_NAME } from '../../../lib/brand';
import { pageBrand } from '../../../lib/page-brand';
import { zodValidator } from '../../../lib/forms';
import { choosePreferredLanguage } from '../../../lib/i18n';
import { useCurrentLanguage } from '../../../lib/use-language';
import { useSetupStatus } from '../../setup/status';
import { useTenantInfo } from '../../tenant/api';
import { usePortalLogin, usePortalSession } from '../api';
import { safePortalPath } from '../safe-next';
import { PasswordField } from '../../../components/ui/PasswordField';
import { takeOverShell } from '../../../lib/sign-in-shell';

export function PortalLoginPage() {
  const { t } = useTranslation(['portal', 'common']);
  const language = useCurrentLanguage();
  const [params] = useSearchParams();
  const next = safePortalPath(params.get('next'));
  const tenant = useTenantInfo();
  const setup = useSetupStatus();
  const session = usePortalSession();

  if (setup.data?.needed) return <Navigate to="/console/setup" replace />;
  if (session.data) return <Navigate to={next} replace />;

  // D-4: the portal name the tenant chose (written into the page), else its name.
  const tenantName = pageBrand?.name ?? tenant.data?.name;
  return (
    <AuthLayout
      brand={tenantName ?? PRODUCT_NAME}
      logoUrl={pageBrand?.logoUrl ?? null}
      title={t('login.title')}
      subtitle={tenantName ? t('login.subtitle', { tenant: tenantName }) : t('login.subtitleGeneric')}
      language={language}
      onLanguageChange={choosePreferredLanguage}
      footer={
        <Anchor component={Link} to="/console/login" size="sm" c="dimmed">
          {t('login.consoleLink')}
        </Anchor>
      }
    >
      {session.isPending ? <LoadingState /> : <LoginForm next={next} />}
    </AuthLayout>
  );
}

function LoginForm({ next }: { next: string }) {
  const { t } = useTranslation(['portal', 'common', 'mail']);
  const navigate = useNavigate();
  const login = usePortalLogin();
  const form = useForm({ initialValues: { username: '', password: '' } });
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // The server-written first paint (#9 item 7) gives way to this form as soon as it is on
  // screen: what was typed there stays, and so does the focus (the shell focuses the username
  // first, as this form does).
  useLayoutEffect(() => {
    const shell = takeOverShell();
    if (!shell) return;
    if (shell.values.username || shell.values.password) form.setValues(shell.values);
    const target = shell.focused === 'password' ? passwordRef.current : shell.focused === 'other' ? null : usernameRef.current;
    target?.focus();
  }, []); // once, when the form first appears

  // The contract's schema checks the form on submit; it is loaded then, not with the page (#9 item 7).
  const submit = form.onSubmit(async (values) => {
    const { contactLoginBodySchema } = await import('@porta/contracts/auth');
    const errors = zodValidator<typeof values>(contactLoginBodySchema)(values);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    login.mutate({ username: values.username.trim(), password: values.password }, { onSuccess: () => void navigate(next, { replace: true }) });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          ref={usernameRef}
          {...form.getInputProps('username')}
        />
        <PasswordField ref={passwordRef} label={t('login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
        <FormError error={login.error} />
        <Button type="submit" fullWidth loading={login.isPending} mt="xs">
          {t('login.submit')}
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
          {t('mail:ui.forgot.link')}
        </Anchor>
        <Anchor component="p" size="xs" c="dimmed" ta="center" m={0} underline="never">
          {t('login.help')}
        </Anchor>
      </Stack>
    </form>
  );
}
