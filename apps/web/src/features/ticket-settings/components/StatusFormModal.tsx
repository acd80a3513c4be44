import { Button, Group, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ticketStatusCreateSchema, type TicketStatus } from '@porta/contracts/tickets';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { FormError } from '../../../components/ui/FormError';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { i18next } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { useCreateStatus, useUpdateStatus } from '../api';

interface Values {
  key: string;
  name: string;
  category: 'open' | 'closed';
}

const CODE_FIELDS = { STATUS_KEY_TAKEN: 'key' } as const;

/** Adds a tenant status, or renames / recategorises one (T-3). */
export function StatusFormModal({ opened, status, onClose }: { opened: boolean; status?: TicketStatus; onClose: () => void }) {
  const { t } = useTranslation(['console', 'common']);
  const create = useCreateStatus();
  const update = useUpdateStatus();
  const mutation = status ? update : create;
  const form = useForm<Values>({
    initialValues: { key: status?.key ?? '', name: status?.name ?? '', category: status?.category ?? 'open' },
    validate: zodValidator(ticketStatusCreateSchema, { key: () => i18next.t('console:ticketSettings.statuses.keyFormat') }),
  });
  const close = () => {
    create.reset();
    update.reset();
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      if (status) await update.mutateAsync({ id: status.id, patch: { name: values.name.trim(), category: values.category } });
      else await create.mutateAsync({ key: values.key.trim().toLowerCase(), name: values.name.trim(), category: values.category });
      notifySuccess(t('ticketSettings.statuses.saved', { name: values.name.trim() }));
      close();
    } catch (failure) {
      showServerFieldErrors(form, failure, ['key', 'name', 'category'], CODE_FIELDS);
    }
  });
  return (
    <AppModal opened={opened} onClose={close} title={status ? t('ticketSettings.statuses.editTitle') : t('ticketSettings.statuses.addTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t('ticketSettings.statuses.name')} required maxLength={60} data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label={t('ticketSettings.statuses.key')}
            description={t('ticketSettings.statuses.keyDescription')}
            required
            disabled={Boolean(status)}
            maxLength={40}
            ff="monospace"
            {...form.getInputProps('key')}
          />
          <Radio.Group label={t('ticketSettings.statuses.category')} {...form.getInputProps('category')}>
            <Stack gap="xs" mt="xs">
              <Radio value="open" label={t('ticketSettings.statuses.categoryOpen')} description={t('ticketSettings.statuses.categoryOpenText')} />
              <Radio value="closed" label={t('ticketSettings.statuses.categoryClosed')} description={t('ticketSettings.statuses.categoryClosedText')} />
            </Stack>
          </Radio.Group>
          <FormError error={mutation.error} shownOnFields={CODE_FIELDS} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={mutation.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {status ? t('common:actions.save') : t('ticketSettings.statuses.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
