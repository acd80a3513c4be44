import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CopyValue } from '../../../components/ui/CopyValue';
import { useRetained } from '../../../lib/use-retained';
import { AppModal } from '../../../components/ui/AppModal';

interface ApiKeySecretModalProps {
  created: { name: string; secret: string } | null;
  onClose: () => void;
}

/** The only time an API key's secret is ever shown. */
export function ApiKeySecretModal({ created: current, onClose }: ApiKeySecretModalProps) {
  const created = useRetained(current);
  const { t } = useTranslation(['console', 'common']);
  return (
    <AppModal opened={current !== null} onClose={onClose} title={t('apiKeys.secret.title', { name: created?.name ?? '' })} centered closeOnClickOutside={false} size="lg">
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {t('apiKeys.secret.warning')}
        </Alert>
        <CopyValue label={t('apiKeys.secret.label')} value={created?.secret ?? ''} wrap testId="api-key-secret" />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('apiKeys.secret.done')}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
