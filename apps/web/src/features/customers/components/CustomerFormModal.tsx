import { Button, Group, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type Customer, customerCreateSchema } from '@porta/contracts/customers';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { i18next } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { type CustomerInput, useCreateCustomer, useUpdateCustomer } from '../api';
import { useRetained } from '../../../lib/use-retained';
import { AppModal } from '../../../components/ui/AppModal';

interface CustomerFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** Edit this customer; create a new one when absent. */
  customer?: Customer;
  onSaved?: (customer: Customer) => void;
}

const domainMessage = () => i18next.t('common:validation.domain');
const CODE_FIELDS = { DOMAIN_TAKEN: 'domains' } as const;

export function CustomerFormModal({ opened, onClose, customer: current, onSaved }: CustomerFormModalProps) {
  const customer = useRetained(current ?? null) ?? undefined;
  const { t } = useTranslation(['console', 'common']);
  const create = useCreateCustomer();
  const update = useUpdateCustomer(customer?.id ?? '');
  const mutation = customer ? update : create;

  const form = useForm<CustomerInput>({
    initialValues: { name: '', domains: [] },
    validate: (values) => {
      const errors = zodValidator<CustomerInput>(customerCreateSchema)(values);
      // Any bad domain is reported on the domains field as a whole.
      const domainKey = Object.keys(errors).find((key) => key.startsWith('domains'));
      return domainKey ? { ...errors, domains: domainMessage() } : errors;
    },
  });
  const { setValues, resetDirty, clearErrors } = form;

  useEffect(() => {
    if (!opened) return;
    const values = { name: customer?.name ?? '', domains: customer?.domains ?? [] };
    setValues(values);
    resetDirty(values);
    clearErrors();
  }, [opened, customer, setValues, resetDirty, clearErrors]);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    const input = { name: values.name.trim(), domains: values.domains.map((d) => d.trim().toLowerCase()).filter(Boolean) };
    mutation.mutate(input, {
      onSuccess: (saved) => {
        notifySuccess(customer ? t('customers.form.updated', { name: saved.name }) : t('customers.form.created', { name: saved.name }));
        onSaved?.(saved);
        close();
      },
      onError: (error) => showServerFieldErrors(form, error, ['name', 'domains'], CODE_FIELDS),
    });
  });

  return (
    <AppModal opened={opened} onClose={close} title={customer ? t('customers.form.editTitle') : t('customers.form.createTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('customers.form.name')} required data-autofocus autoComplete="organization" {...form.getInputProps('name')} />
          <TagsInput
            label={t('customers.form.domains')}
            description={t('customers.form.domainsDescription')}
            placeholder={t('customers.form.domainsPlaceholder')}
            splitChars={[',', ' ', ';']}
            acceptValueOnBlur
            clearable
            {...form.getInputProps('domains')}
          />
          <FormError error={mutation.error} shownOnFields={CODE_FIELDS} />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={mutation.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {customer ? t('common:actions.save') : t('customers.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
