import { Alert, Button, Divider, Group, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { setupBodySchema, type SetupBody } from '@porta/contracts/setup';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { AuthLayout } from '../../../components/ui/AuthLayout';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { NewPasswordField } from '../../../components/password/NewPasswordField';
import { LoadingState } from '../../../components/ui/LoadingState';
import { isApiError } from '../../../lib/api-error';
import { PRODUCT_NAME } from '../../../lib/brand';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { choosePreferredLanguage, i18next } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { useCurrentLanguage } from '../../../lib/use-language';
import { useRunSetup } from '../api';
import { useSetupStatus } from '../status';
import { slugify } from '../slugify';
import { PasswordField } from '../../../components/ui/PasswordField';

const formSchema = setupBodySchema.extend({ confirmPassword: z.string().min(1) }).refine((v) => v.admin.password === v.confirmPassword, {
  path: ['confirmPassword'],
});

const SERVER_FIELDS = ['token', 'tenant.slug', 'tenant.name', 'admin.name', 'admin.email', 'admin.password'] as const;
const CODE_FIELDS = { TENANT_SLUG_TAKEN: 'tenant.slug', SETUP_TOKEN_INVALID: 'token', PASSWORD_TOO_WEAK: 'admin.password' } as const;

export function SetupPage() {
  const { t } = useTranslation(['console', 'common']);
  const language = useCurrentLanguage();
  const status = useSetupStatus();

  return (
    <AuthLayout
      brand={PRODUCT_NAME}
      title={t('setup.title')}
      subtitle={t('setup.subtitle')}
      language={language}
      onLanguageChange={choosePreferredLanguage}
      width={520}
    >
      {status.isPending ? (
        <LoadingState />
      ) : status.isError ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : status.data.needed ? (
        <SetupForm />
      ) : (
        <AlreadySetUp />
      )}
    </AuthLayout>
  );
}

function AlreadySetUp() {
  const { t } = useTranslation(['console', 'common']);
  return (
    <Stack>
      <Alert color="blue" title={t('setup.alreadyDone')}>
        {t('setup.alreadyDoneText')}
      </Alert>
      <Button component={Link} to="/console/login">
        {t('setup.goToSignIn')}
      </Button>
    </Stack>
  );
}

function SetupForm() {
  const { t } = useTranslation(['console', 'common']);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const tokenFromLink = params.get('token') ?? '';
  const [slugEdited, setSlugEdited] = useState(false);
  const [showToken, setShowToken] = useState(!tokenFromLink);
  const setup = useRunSetup();

  const form = useForm({
    initialValues: {
      token: tokenFromLink,
      tenant: { name: '', slug: '' },
      admin: { name: '', email: '', password: '' },
      confirmPassword: '',
    },
    validate: zodValidator(formSchema, {
      'tenant.slug': () => i18next.t('common:validation.slug'),
      confirmPassword: () => i18next.t('common:validation.passwordsDiffer'),
    }),
  });

  const submit = form.onSubmit(({ confirmPassword: _confirm, ...body }: SetupBody & { confirmPassword: string }) => {
    setup.mutate(body, {
      onSuccess: () => {
        notifySuccess(t('setup.done'));
        void navigate('/console/customers', { replace: true });
      },
      onError: (error) => {
        showServerFieldErrors(form, error, SERVER_FIELDS, CODE_FIELDS);
        if (isApiError(error, 'SETUP_TOKEN_INVALID')) setShowToken(true);
      },
    });
  });

  const nameProps = form.getInputProps('tenant.name');

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('setup.organisationSection')}
        </Title>
        <TextInput
          label={t('setup.organisationName')}
          placeholder={t('setup.organisationNamePlaceholder')}
          required
          autoComplete="organization"
          {...nameProps}
          onChange={(event) => {
            const name = event.currentTarget.value;
            form.setFieldValue('tenant.name', name);
            if (!slugEdited) form.setFieldValue('tenant.slug', slugify(name));
          }}
        />
        <TextInput
          label={t('setup.slug')}
          description={t('setup.slugDescription')}
          required
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps('tenant.slug')}
          onChange={(event) => {
            setSlugEdited(true);
            form.setFieldValue('tenant.slug', event.currentTarget.value.toLowerCase());
          }}
        />
        <Divider my="xs" />
        <Title order={2} size="h5">
          {t('setup.adminSection')}
        </Title>
        <TextInput label={t('setup.adminName')} required autoComplete="name" {...form.getInputProps('admin.name')} />
        <TextInput label={t('setup.adminEmail')} type="email" required autoComplete="email" {...form.getInputProps('admin.email')} />
        <NewPasswordField
          label={t('setup.password')}
          description={t('common:password.hint')}
          required
          people={{ name: form.values.admin.name, email: form.values.admin.email, tenantName: form.values.tenant.name }}
          {...form.getInputProps('admin.password')}
          value={form.values.admin.password}
        />
        <PasswordField label={t('setup.passwordConfirm')} required autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
        {showToken && (
          <TextInput
            label={t('setup.token')}
            description={t('setup.tokenDescription')}
            required
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('token')}
          />
        )}
        <FormError error={setup.error} shownOnFields={CODE_FIELDS} />
        <Group justify="flex-end" mt="xs">
          <Button type="submit" loading={setup.isPending}>
            {t('setup.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
