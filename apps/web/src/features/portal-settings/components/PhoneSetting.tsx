import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { portalMePatchSchema } from '@porta/contracts/portal';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { blankToNull, showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { i18next } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { useContact } from '../../portal-auth/contact-context';
import { useUpdatePortalMe } from '../api';

export function PhoneSetting() {
  const { t } = useTranslation(['portal', 'common']);
  const me = useContact();
  const update = useUpdatePortalMe();
  const form = useForm({
    initialValues: { phone: me.phone ?? '' },
    validate: (values) =>
      zodValidator(portalMePatchSchema, { phone: () => i18next.t('common:validation.phone') })({ phone: blankToNull(values.phone) }),
  });

  const submit = form.onSubmit((values) => {
    update.mutate(
      { phone: blankToNull(values.phone) },
      {
        onSuccess: (saved) => {
          form.resetDirty({ phone: saved.phone ?? '' });
          notifySuccess(saved.phone ? t('settings.phoneSaved') : t('settings.phoneRemoved'));
        },
        onError: (error) => showServerFieldErrors(form, error, ['phone']),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <TextInput
          label={t('settings.phoneLabel')}
          description={t('settings.phoneHint')}
          type="tel"
          autoComplete="tel"
          placeholder="+390212345678"
          {...form.getInputProps('phone')}
        />
        <FormError error={update.error} />
        <Group>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t('settings.phoneSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
