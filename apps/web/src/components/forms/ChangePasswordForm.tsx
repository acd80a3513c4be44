import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { changePasswordBodySchema } from '@porta/contracts/auth';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { showServerFieldErrors, zodValidator } from '../../lib/forms';
import { i18next } from '../../lib/i18n';
import { notifySuccess } from '../../lib/notify';
import { FormError } from '../ui/FormError';
import { PasswordField } from '../ui/PasswordField';
import type { PasswordPeople } from '@porta/contracts/password-strength';
import { NewPasswordField } from '../password/NewPasswordField';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

const schema = changePasswordBodySchema
  .extend({ confirmPassword: z.string().min(1) })
  .refine((values) => values.newPassword === values.confirmPassword, { path: ['confirmPassword'] });

const FIELDS = ['currentPassword', 'newPassword'] as const;
const CODE_FIELDS = { PASSWORD_INCORRECT: 'currentPassword', PASSWORD_TOO_WEAK: 'newPassword' } as const;

interface ChangePasswordFormProps {
  mutation: UseMutationResult<unknown, Error, PasswordChange>;
  /** Whose password: the strength meter judges it against their names and address. */
  people?: PasswordPeople;
}

/** Current password, new password twice; shared by the console account and the portal settings. */
export function ChangePasswordForm({ mutation, people }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: zodValidator(schema, { confirmPassword: () => i18next.t('common:validation.passwordsDiffer') }),
  });

  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    mutation.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(t('password.changed'));
        },
        onError: (error) => {
          showServerFieldErrors(form, error, FIELDS, CODE_FIELDS);
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <PasswordField label={t('password.current')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
        <NewPasswordField
          label={t('password.new')}
          description={t('password.hint')}
          required
          people={people}
          {...form.getInputProps('newPassword')}
          value={form.values.newPassword}
        />
        <PasswordField label={t('password.confirm')} autoComplete="new-password" required {...form.getInputProps('confirmPassword')} />
        <FormError error={mutation.error} shownOnFields={CODE_FIELDS} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('password.changeSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
