import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { SectionCard } from '../../../components/ui/SectionCard';
import { useCancelQueued } from '../api';

/** SS-7 kill switch: cancels every queued self-service request and command, and says how many. */
export function CancelQueuedCard() {
  const { t } = useTranslation(['devices', 'common']);
  const cancel = useCancelQueued();
  const [confirming, setConfirming] = useState(false);
  const close = () => {
    if (cancel.isError) cancel.reset();
    setConfirming(false);
  };
  return (
    <SectionCard title={t('killSwitch.title')} description={t('killSwitch.text')} danger>
      <Group justify="space-between" gap="sm">
        <Text size="sm" style={{ flex: '1 1 14rem' }}>
          {t('killSwitch.hint')}
        </Text>
        <Button
          color="red"
          variant="light"
          leftSection={<IconPlayerStop size={16} aria-hidden />}
          onClick={() => {
            cancel.reset();
            setConfirming(true);
          }}
        >
          {t('killSwitch.button')}
        </Button>
      </Group>
      {cancel.data && (
        <Alert role="status" color="teal" variant="light">
          {t('killSwitch.done', { requests: cancel.data.requests, commands: cancel.data.commands })}
        </Alert>
      )}
      <ConfirmModal
        opened={confirming}
        title={t('killSwitch.confirmTitle')}
        confirmLabel={t('killSwitch.confirm')}
        danger
        loading={cancel.isPending}
        error={cancel.error}
        onClose={close}
        onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        {t('killSwitch.confirmText')}
      </ConfirmModal>
    </SectionCard>
  );
}
