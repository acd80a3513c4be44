import { Button, Checkbox, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { contactCreateSchema, contactUpdateSchema } from '@porta/contracts/contacts';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { LanguageSelect } from '../../../components/ui/LanguageSelect';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { i18next } from '../../../lib/i18n';
import { CustomerSelect } from '../../customers/components/CustomerSelect';
import { type ContactFormValues, valuesToCreateInput, valuesToFields } from '../contact-form-values';

const FIELDS = ['customerId', 'firstName', 'lastName', 'email', 'phone', 'language', 'isPrimary'] as const;
const phoneMessage = () => i18next.t('common:validation.phone');
const CODE_FIELDS = { EMAIL_TAKEN: 'email' } as const;

interface ContactFormProps {
  initialValues: ContactFormValues;
  /** Creating: the customer is chosen here. Editing: it is fixed. */
  mode: 'create' | 'edit';
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: ContactFormValues) => Promise<unknown>;
  onCancel?: () => void;
}

export function ContactForm({ initialValues, mode, submitLabel, pending, error, onSubmit, onCancel }: ContactFormProps) {
  const { t } = useTranslation(['console', 'common']);
  const form = useForm<ContactFormValues>({
    initialValues,
    validate: (values) =>
      mode === 'create'
        ? zodValidator(contactCreateSchema, { phone: phoneMessage })(valuesToCreateInput(values))
        : zodValidator(contactUpdateSchema, { phone: phoneMessage })(valuesToFields(values)),
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await onSubmit(values);
      form.resetDirty(values);
    } catch (failure) {
      showServerFieldErrors(form, failure, FIELDS, CODE_FIELDS);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {mode === 'create' && <CustomerSelect label={t('contacts.form.customer')} placeholder={t('customerSelect.placeholder')} required {...form.getInputProps('customerId')} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('contacts.form.firstName')} required autoComplete="off" {...form.getInputProps('firstName')} />
          <TextInput label={t('contacts.form.lastName')} required autoComplete="off" {...form.getInputProps('lastName')} />
        </SimpleGrid>
        <TextInput label={t('contacts.form.email')} type="email" required autoComplete="off" {...form.getInputProps('email')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('contacts.form.phone')}
            description={t('contacts.form.phoneDescription')}
            type="tel"
            placeholder="+390212345678"
            autoComplete="off"
            {...form.getInputProps('phone')}
          />
          <LanguageSelect label={t('contacts.form.language')} description={t('contacts.form.languageDescription')} {...form.getInputProps('language')} />
        </SimpleGrid>
        <Checkbox
          label={t('contacts.form.isPrimary')}
          description={t('contacts.form.isPrimaryDescription')}
          {...form.getInputProps('isPrimary', { type: 'checkbox' })}
        />
        {mode === 'create' && (
          <Checkbox
            label={t('onboarding.contactForm.sendWelcome')}
            description={t('onboarding.contactForm.sendWelcomeDescription')}
            data-testid="send-welcome"
            {...form.getInputProps('sendWelcomeEmail', { type: 'checkbox' })}
          />
        )}
        <FormError error={error} shownOnFields={CODE_FIELDS} />
        <Group gap="sm" mt="xs">
          <Button type="submit" loading={pending} disabled={mode === 'edit' && !form.isDirty()}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={pending}>
              {t('common:actions.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
