import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthLayout } from '../../../components/ui/AuthLayout';
import { FormError } from '../../../components/ui/FormError';
import { PRODUCT_NAME } from '../../../lib/brand';
import { choosePreferredLanguage } from '../../../lib/i18n';
import { useCurrentLanguage } from '../../../lib/use-language';
import { useTenantInfo } from '../../tenant/api';
import { useForgotPassword } from '../api';

/** "Forgot password" in the portal. */
export function ForgotPasswordPage() {
  const { t } = useTranslation('mail');
  const language = useCurrentLanguage();
  const tenant = useTenantInfo();
  const forgot = useForgotPassword();
  const [login, setLogin] = useState('');

  return (
    <AuthLayout
      brand={tenant.data?.name ?? PRODUCT_NAME}
      title={t('ui.forgot.title')}
      subtitle={t('ui.forgot.text')}
      language={language}
      onLanguageChange={choosePreferredLanguage}
      footer={
        <Anchor component={Link} to="/login" size="sm">
          {t('ui.forgot.back')}
        </Anchor>
      }
    >
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
    </AuthLayout>
  );
}
