import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { CopyValue } from '../../../components/ui/CopyValue';
import { useRetained } from '../../../lib/use-retained';

/** The only time an endpoint's signing secret is ever shown. */
export function WebhookSecretModal({ created: current, onClose }: { created: { url: string; secret: string } | null; onClose: () => void }) {
  const created = useRetained(current);
  const { t } = useTranslation(['console', 'common']);
  return (
    <AppModal opened={current !== null} onClose={onClose} title={t('webhooks.secret.title')} centered closeOnClickOutside={false} size="lg">
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {t('webhooks.secret.warning', { url: created?.url ?? '' })}
        </Alert>
        <CopyValue label={t('webhooks.secret.label')} value={created?.secret ?? ''} wrap testId="webhook-secret" />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('webhooks.secret.done')}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
