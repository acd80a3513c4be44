import { Button, Group, Text } from '@mantine/core';
import type { Contact } from '@porta/contracts/contacts';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmDeleteModal } from '../../../components/ui/ConfirmModal';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useDeleteContact } from '../api';

export function DeleteContactCard({ contact }: { contact: Contact }) {
  const { t } = useTranslation(['console', 'common']);
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteContact();
  const name = `${contact.firstName} ${contact.lastName}`;

  const close = () => {
    remove.reset();
    setConfirming(false);
  };

  return (
    <SectionCard title={t('contacts.delete.title')} danger>
      <Group justify="space-between" gap="sm">
        <Text size="sm" style={{ flex: '1 1 14rem' }}>
          {t('contacts.delete.description')}
        </Text>
        <Button color="red" variant="light" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setConfirming(true)}>
          {t('contacts.delete.button')}
        </Button>
      </Group>
      <ConfirmDeleteModal
        opened={confirming}
        title={t('contacts.delete.title')}
        loading={remove.isPending}
        error={remove.error}
        onClose={close}
        onConfirm={() =>
          remove.mutate(contact.id, {
            onSuccess: () => {
              notifySuccess(t('contacts.delete.done', { name }));
              void navigate(`/console/customers/${contact.customerId}`, { replace: true });
            },
          })
        }
      >
        {t('contacts.delete.confirmText', { name })}
      </ConfirmDeleteModal>
    </SectionCard>
  );
}
