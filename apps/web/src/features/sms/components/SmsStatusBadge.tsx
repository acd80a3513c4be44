import { Badge } from '@mantine/core';
import type { SmsMessage } from '@porta/contracts/sms';
import { useTranslation } from 'react-i18next';

const COLORS: Record<SmsMessage['status'], string> = { queued: 'yellow', sent: 'teal', outbox: 'blue', failed: 'red' };

export function SmsStatusBadge({ status }: { status: SmsMessage['status'] }) {
  const { t } = useTranslation('devices');
  return (
    <Badge variant="light" color={COLORS[status]} styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}>
      {t(`sms.outbox.states.${status}`)}
    </Badge>
  );
}
