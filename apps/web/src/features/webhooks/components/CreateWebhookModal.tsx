import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { WEBHOOK_EVENT_TYPES, webhookEndpointCreateSchema, type WebhookEventType } from '@porta/contracts/webhooks';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { FormError } from '../../../components/ui/FormError';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { useCreateWebhook } from '../api';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The new endpoint's signing secret, to show once. */
  onCreated: (created: { url: string; secret: string }) => void;
}

export function CreateWebhookModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation(['console', 'common']);
  const create = useCreateWebhook();
  const form = useForm<{ url: string; description: string; eventTypes: WebhookEventType[] }>({
    initialValues: { url: '', description: '', eventTypes: [] },
    validate: zodValidator(webhookEndpointCreateSchema),
  });

  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    create.mutate(
      { url: values.url.trim(), description: values.description.trim(), eventTypes: values.eventTypes },
      {
        onSuccess: ({ endpoint, secret }) => {
          close();
          onCreated({ url: endpoint.url, secret });
        },
        onError: (error) => showServerFieldErrors(form, error, ['url', 'description', 'eventTypes']),
      },
    );
  });

  return (
    <AppModal opened={opened} onClose={close} title={t('webhooks.create.title')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('webhooks.create.url')} description={t('webhooks.create.urlDescription')} placeholder="https://" required data-autofocus autoComplete="off" {...form.getInputProps('url')} />
          <TextInput label={t('webhooks.create.description')} autoComplete="off" {...form.getInputProps('description')} />
          <Checkbox.Group label={t('webhooks.create.events')} description={t('webhooks.create.eventsDescription')} required {...form.getInputProps('eventTypes')}>
            <Stack gap={6} mt="xs">
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={t(`webhooks.events.${type}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <FormError error={create.error} />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('webhooks.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
