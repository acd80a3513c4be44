import { Alert, Button, Stack, Text } from '@mantine/core';
import type { Contact, Credentials } from '@porta/contracts/contacts';
import { IconKey, IconLockCheck, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { CopyValue } from '../../../components/ui/CopyValue';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useRegenerateCredentials } from '../api';

interface CredentialsCardProps {
  contact: Contact;
  credentials: Credentials | null;
}

/** Portal sign-in details: shown while the generated password is in use, else "set by contact". */
export function CredentialsCard({ contact, credentials }: CredentialsCardProps) {
  const { t } = useTranslation(['console', 'common']);
  const [confirming, setConfirming] = useState(false);
  const regenerate = useRegenerateCredentials(contact.id);
  const name = `${contact.firstName} ${contact.lastName}`;

  const close = () => {
    regenerate.reset();
    setConfirming(false);
  };

  return (
    <SectionCard title={t('contacts.credentials.title')} description={credentials ? t('contacts.credentials.initialText') : undefined}>
      {credentials ? (
        <Stack gap="sm">
          <CopyValue label={t('contacts.credentials.username')} value={credentials.username} testId="contact-username" />
          <CopyValue label={t('contacts.credentials.password')} value={credentials.password} testId="contact-password" />
        </Stack>
      ) : (
        <Stack gap="sm">
          <CopyValue label={t('contacts.credentials.username')} value={contact.username} testId="contact-username" />
          <Alert variant="light" color="teal" icon={<IconLockCheck size={18} aria-hidden />} title={t('contacts.credentials.setByContact')}>
            {t('contacts.credentials.setByContactText')}
          </Alert>
        </Stack>
      )}
      <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => setConfirming(true)}>
        {t('contacts.credentials.regenerate')}
      </Button>
      <ConfirmModal
        opened={confirming}
        title={t('contacts.credentials.regenerateTitle')}
        confirmLabel={t('contacts.credentials.regenerateConfirm')}
        danger
        loading={regenerate.isPending}
        error={regenerate.error}
        onClose={close}
        onConfirm={() =>
          regenerate.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(t('contacts.credentials.regenerated'));
              close();
            },
          })
        }
      >
        <Stack gap="xs">
          <Text size="sm">{t('contacts.credentials.regenerateText', { name })}</Text>
          <Text size="sm" c="dimmed">
            <IconKey size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
            {t('contacts.credentials.regenerateHint')}
          </Text>
        </Stack>
      </ConfirmModal>
    </SectionCard>
  );
}
