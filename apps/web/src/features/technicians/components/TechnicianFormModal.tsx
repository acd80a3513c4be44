import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type Technician, technicianCreateSchema, technicianUpdateSchema } from '@porta/contracts/technicians';
import type { Language } from '@porta/i18n/languages';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { LanguageSelect } from '../../../components/ui/LanguageSelect';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { useCurrentLanguage } from '../../../lib/use-language';
import { useCreateTechnician, useUpdateTechnician } from '../api';
import { NewPasswordField } from '../../../components/password/NewPasswordField';
import { useTechnician } from '../../console-auth/technician-context';
import { useRetained } from '../../../lib/use-retained';
import { AppModal } from '../../../components/ui/AppModal';

interface Values {
  name: string;
  email: string;
  password: string;
  isAdmin: boolean;
  language: Language;
}

interface TechnicianFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** Edit this technician; invite a new one when absent. */
  technician?: Technician;
}

const FIELDS = ['name', 'email', 'password', 'isAdmin', 'language'] as const;
const CODE_FIELDS = { EMAIL_TAKEN: 'email', PASSWORD_TOO_WEAK: 'password' } as const;

export function TechnicianFormModal({ opened, onClose, technician: current }: TechnicianFormModalProps) {
  const technician = useRetained(current ?? null) ?? undefined;
  const { t } = useTranslation(['console', 'common']);
  const language = useCurrentLanguage();
  const create = useCreateTechnician();
  const update = useUpdateTechnician();
  const mutation = technician ? update : create;

  const me = useTechnician();
  const form = useForm<Values>({
    initialValues: { name: '', email: '', password: '', isAdmin: false, language },
    validate: (values) => {
      if (!technician) return zodValidator(technicianCreateSchema)(values);
      const { password: _password, ...patch } = values;
      return zodValidator(technicianUpdateSchema)(patch);
    },
  });
  const { setValues, resetDirty, clearErrors } = form;

  useEffect(() => {
    if (!opened) return;
    const values = technician
      ? { name: technician.name, email: technician.email, password: '', isAdmin: technician.isAdmin, language: technician.language }
      : { name: '', email: '', password: '', isAdmin: false, language };
    setValues(values);
    resetDirty(values);
    clearErrors();
  }, [opened, technician, language, setValues, resetDirty, clearErrors]);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    const onError = (error: Error) => showServerFieldErrors(form, error, FIELDS, CODE_FIELDS);
    if (technician) {
      const { password: _password, ...patch } = values;
      update.mutate(
        { id: technician.id, patch },
        {
          onSuccess: (saved) => {
            notifySuccess(t('technicians.form.updated', { name: saved.name }));
            close();
          },
          onError,
        },
      );
    } else {
      create.mutate(values, {
        onSuccess: (saved) => {
          notifySuccess(t('technicians.form.created', { name: saved.name }));
          close();
        },
        onError,
      });
    }
  });

  return (
    <AppModal opened={opened} onClose={close} title={technician ? t('technicians.form.editTitle') : t('technicians.form.createTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('technicians.form.name')} required data-autofocus autoComplete="off" {...form.getInputProps('name')} />
          <TextInput label={t('technicians.form.email')} type="email" required autoComplete="off" {...form.getInputProps('email')} />
          {!technician && (
            <NewPasswordField
              label={t('technicians.form.password')}
              description={t('technicians.form.passwordDescription')}
              required
              people={{ name: form.values.name, email: form.values.email, tenantName: me.tenant.name }}
              {...form.getInputProps('password')}
              value={form.values.password}
            />
          )}
          <LanguageSelect label={t('technicians.form.language')} {...form.getInputProps('language')} />
          <Checkbox
            label={t('technicians.form.isAdmin')}
            description={t('technicians.form.isAdminDescription')}
            {...form.getInputProps('isAdmin', { type: 'checkbox' })}
          />
          <FormError error={mutation.error} shownOnFields={CODE_FIELDS} />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={mutation.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {technician ? t('common:actions.save') : t('technicians.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
