import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { meUpdateSchema } from '@porta/contracts/technicians';
import type { Language } from '@porta/i18n/languages';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { LanguageSelect } from '../../../components/ui/LanguageSelect';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { i18next } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { useTechnician } from '../../console-auth/technician-context';
import { useUpdateProfile } from '../api';

export function ProfileForm() {
  const { t } = useTranslation(['console', 'common']);
  const user = useTechnician();
  const update = useUpdateProfile();
  const form = useForm<{ name: string; language: Language }>({
    initialValues: { name: user.name, language: user.language },
    validate: zodValidator(meUpdateSchema),
  });

  const submit = form.onSubmit((values) => {
    update.mutate(values, {
      onSuccess: (session) => {
        form.resetDirty({ name: session.user.name, language: session.user.language });
        const { language } = session.user;
        void i18next.loadLanguages(language).then(() => notifySuccess(i18next.t('console:account.profileSaved', { lng: language })));
      },
      onError: (error) => showServerFieldErrors(form, error, ['name', 'language']),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <TextInput label={t('account.name')} required autoComplete="name" {...form.getInputProps('name')} />
        <TextInput label={t('account.email')} value={user.email} readOnly variant="filled" description={t('account.emailDescription')} />
        <LanguageSelect label={t('account.language')} {...form.getInputProps('language')} />
        <FormError error={update.error} />
        <Group>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
