import { Button, Group, Text } from '@mantine/core';
import type { Contact } from '@porta/contracts/contacts';
import { IconPhoneOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useClearPhone } from '../api';

/** SS-6: the mobile number the contact verified for self-service codes; a technician can clear it. */
export function SelfServicePhoneCard({ contact }: { contact: Contact }) {
  const { t } = useTranslation(['devices', 'common']);
  const clear = useClearPhone(contact.id);
  const [confirming, setConfirming] = useState(false);
  const name = `${contact.firstName} ${contact.lastName}`;
  const close = () => {
    clear.reset();
    setConfirming(false);
  };
  return (
    <SectionCard title={t('contactPhone.title')} description={t('contactPhone.text')}>
      {contact.verifiedPhone ? (
        <Group justify="space-between" gap="sm">
          <Text size="sm" ff="monospace" aria-label={t('contactPhone.verifiedLabel')}>
            {contact.verifiedPhone}
          </Text>
          <Button color="red" variant="light" leftSection={<IconPhoneOff size={16} aria-hidden />} onClick={() => setConfirming(true)}>
            {t('contactPhone.clear')}
          </Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('contactPhone.none')}
        </Text>
      )}
      <ConfirmModal
        opened={confirming}
        title={t('contactPhone.confirmTitle')}
        confirmLabel={t('contactPhone.clear')}
        danger
        loading={clear.isPending}
        error={clear.error}
        onClose={close}
        onConfirm={() =>
          clear.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(t('contactPhone.cleared', { name }));
              close();
            },
          })
        }
      >
        {t('contactPhone.confirmText', { name })}
      </ConfirmModal>
    </SectionCard>
  );
}
