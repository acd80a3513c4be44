import { Button, Stack, Switch, Text } from '@mantine/core';
import type { Contact } from '@porta/contracts/contacts';
import { IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useUpdateContact } from '../../contacts/api';
import { useSendWelcome } from '../api';

/** The contact page's e-mail card: "send the welcome e-mail again" and the contact's mail flags (A-4, notifications). */
export function ContactMailCard({ contact }: { contact: Contact }) {
  const { t } = useTranslation('mail');
  const { t: tc } = useTranslation('console');
  const send = useSendWelcome(contact.id);
  const update = useUpdateContact(contact.id);
  const [confirming, setConfirming] = useState(false);
  const name = `${contact.firstName} ${contact.lastName}`;
  const sent = () => {
    notifySuccess(t('ui.contact.sent', { name }));
    setConfirming(false);
  };
  const flag = (patch: { emailTickets?: boolean; notifyCompanyTickets?: boolean }) => update.mutate(patch, { onSuccess: () => notifySuccess(t('ui.contact.saved')) });

  return (
    <SectionCard title={t('ui.contact.title')}>
      <Stack gap="sm">
        <Switch label={t('ui.contact.emailTickets')} checked={contact.emailTickets} disabled={update.isPending} onChange={(e) => flag({ emailTickets: e.currentTarget.checked })} />
        {contact.isPrimary && (
          <Switch
            label={t('ui.contact.notifyCompany')}
            checked={contact.notifyCompanyTickets}
            disabled={update.isPending}
            onChange={(e) => flag({ notifyCompanyTickets: e.currentTarget.checked })}
          />
        )}
        <FormError error={update.error ?? (confirming ? null : send.error)} />
        <Button
          variant="default"
          leftSection={<IconMailForward size={16} aria-hidden />}
          loading={send.isPending && !confirming}
          onClick={() => (contact.passwordState === 'contact' ? setConfirming(true) : send.mutate(false, { onSuccess: sent }))}
        >
          {contact.welcomeEmailSentAt ? t('ui.contact.sendWelcome') : tc('onboarding.welcome.sendFirst')}
        </Button>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('ui.contact.confirmTitle')}
        confirmLabel={t('ui.contact.confirm')}
        danger
        loading={send.isPending}
        error={send.error}
        onClose={() => {
          send.reset();
          setConfirming(false);
        }}
        onConfirm={() => send.mutate(true, { onSuccess: sent })}
      >
        <Text size="sm">{t('ui.contact.confirmText', { name })}</Text>
      </ConfirmModal>
    </SectionCard>
  );
}
