import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TicketDetail } from '@porta/contracts/tickets';
import { ticketUpdateSchema } from '@porta/contracts/tickets';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { FormError } from '../../../components/ui/FormError';
import { MarkdownEditor } from '../../../components/ui/MarkdownEditor';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { useUpdateTicket } from '../api';

/** Subject and description (Markdown) of a ticket. */
export function EditTicketModal({ ticket, opened, onClose }: { ticket: TicketDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(['console', 'common']);
  const update = useUpdateTicket(ticket.id);
  const form = useForm({
    initialValues: { subject: ticket.subject, description: ticket.description },
    validate: zodValidator(ticketUpdateSchema),
  });
  const close = () => {
    update.reset();
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync({ subject: values.subject.trim(), description: values.description });
      notifySuccess(t('tickets.detail.saved', { number: ticket.number }));
      onClose();
    } catch (failure) {
      showServerFieldErrors(form, failure, ['subject', 'description']);
    }
  });
  return (
    <AppModal opened={opened} onClose={close} title={t('tickets.edit.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t('common:tickets.fields.subject')} required maxLength={200} data-autofocus {...form.getInputProps('subject')} />
          <MarkdownEditor
            label={t('common:tickets.fields.description')}
            value={form.values.description}
            onChange={(value) => form.setFieldValue('description', value)}
            error={form.errors.description}
            minRows={6}
          />
          <FormError error={update.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={update.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
