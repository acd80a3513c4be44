import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { apiKeyCreateSchema } from '@porta/contracts/api-keys';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { type ApiKeyScope, useCreateApiKey } from '../api';
import { AppModal } from '../../../components/ui/AppModal';

interface CreateApiKeyModalProps {
  opened: boolean;
  onClose: () => void;
  /** The new key's secret, to show once. */
  onCreated: (created: { name: string; secret: string }) => void;
}

export function CreateApiKeyModal({ opened, onClose, onCreated }: CreateApiKeyModalProps) {
  const { t } = useTranslation(['console', 'common']);
  const create = useCreateApiKey();
  const scopeLabelId = useId();
  const form = useForm<{ name: string; scope: ApiKeyScope }>({
    initialValues: { name: '', scope: 'read' },
    validate: zodValidator(apiKeyCreateSchema),
  });

  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    create.mutate(
      { name: values.name.trim(), scope: values.scope },
      {
        onSuccess: ({ apiKey, secret }) => {
          close();
          onCreated({ name: apiKey.name, secret });
        },
        onError: (error) => showServerFieldErrors(form, error, ['name', 'scope']),
      },
    );
  });

  return (
    <AppModal opened={opened} onClose={close} title={t('apiKeys.create.title')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('apiKeys.create.name')}
            description={t('apiKeys.create.nameDescription')}
            required
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('name')}
          />
          <Stack gap={4}>
            <Text id={scopeLabelId} size="sm" fw={500}>
              {t('apiKeys.create.scope')}
            </Text>
            <SegmentedControl
              aria-labelledby={scopeLabelId}
              data={[
                { value: 'read', label: t('apiKeys.scopes.read') },
                { value: 'write', label: t('apiKeys.scopes.write') },
              ]}
              {...form.getInputProps('scope')}
            />
            <Text size="xs" c="dimmed">
              {form.values.scope === 'read' ? t('apiKeys.create.readDescription') : t('apiKeys.create.writeDescription')}
            </Text>
          </Stack>
          <FormError error={create.error} />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('apiKeys.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
