import { Button, Group, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { CUSTOM_FIELD_TYPES, type CustomField, customFieldCreateSchema } from '@porta/contracts/custom-fields';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { FormError } from '../../../components/ui/FormError';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { i18next } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { type CustomFieldInput, useCreateCustomField, useUpdateCustomField } from '../api';

const CODE_FIELDS = { CUSTOM_FIELD_KEY_TAKEN: 'key' } as const;

/** Creates a custom ticket field (T-7), or changes the label and options of one (its key and type stay). */
export function CustomFieldFormModal({ opened, field, onClose }: { opened: boolean; field?: CustomField; onClose: () => void }) {
  const { t } = useTranslation(['console', 'common']);
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const mutation = field ? update : create;
  const form = useForm<CustomFieldInput>({
    initialValues: { key: field?.key ?? '', label: field?.label ?? '', type: field?.type ?? 'text', options: field?.options ?? [] },
    validate: (values) =>
      zodValidator(customFieldCreateSchema, { key: () => i18next.t('console:customFields.form.keyFormat') })({
        ...values,
        options: values.type === 'dropdown' ? values.options : [],
      }),
  });
  const close = () => {
    create.reset();
    update.reset();
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    const options = values.type === 'dropdown' ? values.options.map((o) => o.trim()).filter(Boolean) : [];
    try {
      if (field) await update.mutateAsync({ id: field.id, patch: { label: values.label.trim(), ...(field.type === 'dropdown' && { options }) } });
      else await create.mutateAsync({ key: values.key.trim(), label: values.label.trim(), type: values.type, options });
      notifySuccess(t('customFields.form.saved', { label: values.label.trim() }));
      close();
    } catch (failure) {
      showServerFieldErrors(form, failure, ['key', 'label', 'type', 'options'], CODE_FIELDS);
    }
  });
  return (
    <AppModal opened={opened} onClose={close} title={field ? t('customFields.form.editTitle') : t('customFields.form.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t('customFields.form.label')} required maxLength={80} data-autofocus {...form.getInputProps('label')} />
          <TextInput
            label={t('customFields.form.key')}
            description={t('customFields.form.keyDescription')}
            required
            disabled={Boolean(field)}
            maxLength={40}
            ff="monospace"
            {...form.getInputProps('key')}
          />
          <Select
            label={t('customFields.form.type')}
            data={CUSTOM_FIELD_TYPES.map((value) => ({ value, label: t(`customFields.types.${value}`) }))}
            allowDeselect={false}
            disabled={Boolean(field)}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('type')}
          />
          {form.values.type === 'dropdown' && (
            <TagsInput
              label={t('customFields.form.options')}
              description={t('customFields.form.optionsDescription')}
              required
              acceptValueOnBlur
              {...form.getInputProps('options')}
            />
          )}
          <FormError error={mutation.error} shownOnFields={CODE_FIELDS} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={mutation.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {field ? t('common:actions.save') : t('customFields.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
