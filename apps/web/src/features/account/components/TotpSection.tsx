import { Badge, Button, Group, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionCard } from '../../../components/ui/SectionCard';
import { useTechnician } from '../../console-auth/technician-context';
import { DisableTotpModal } from './DisableTotpModal';
import { RecoveryCodesModal } from './RecoveryCodesModal';
import { TotpEnrolment } from './TotpEnrolment';

/** Authenticator app: status, enrolment (QR code, then code) and turning it off. */
export function TotpSection() {
  const { t } = useTranslation(['console', 'common']);
  const user = useTechnician();
  const [enrolling, setEnrolling] = useState(user.totpEnrolmentRequired);
  const [disabling, setDisabling] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const status = user.totpEnabled ? (
    <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} aria-hidden />}>
      {t('account.totp.on')}
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      {t('account.totp.off')}
    </Badge>
  );

  return (
    <SectionCard title={t('account.totp.title')} description={t('account.totp.description')} aside={status}>
      {user.totpEnabled ? (
        <Group justify="space-between" gap="sm">
          <Text size="sm">{user.tenant.requireTotp ? t('account.totp.enabledRequired') : t('account.totp.enabled')}</Text>
          <Button variant="default" color="red" onClick={() => setDisabling(true)}>
            {t('account.totp.disable')}
          </Button>
        </Group>
      ) : enrolling ? (
        <TotpEnrolment
          canCancel={!user.totpEnrolmentRequired}
          onCancel={() => setEnrolling(false)}
          onEnabled={(codes) => {
            setEnrolling(false);
            setRecoveryCodes(codes);
          }}
        />
      ) : (
        <Group justify="space-between" gap="sm">
          <Text size="sm">{t('account.totp.notEnabled')}</Text>
          <Button onClick={() => setEnrolling(true)}>{t('account.totp.setUp')}</Button>
        </Group>
      )}
      <DisableTotpModal opened={disabling} onClose={() => setDisabling(false)} />
      <RecoveryCodesModal codes={recoveryCodes} onClose={() => setRecoveryCodes(null)} />
    </SectionCard>
  );
}
