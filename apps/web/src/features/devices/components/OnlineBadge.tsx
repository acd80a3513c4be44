import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';

/** Online, or when the device was last seen (never, for one that has not connected yet). */
export function OnlineBadge({ online, lastSeenAt, revokedAt }: { online: boolean; lastSeenAt: string | null; revokedAt?: string | null }) {
  const { t } = useTranslation('devices');
  if (revokedAt) return <Badge color="red" variant="light">{t('state.revoked')}</Badge>;
  if (online) return <Badge color="green" variant="light">{t('state.online')}</Badge>;
  return (
    <Badge color="gray" variant="light">
      {lastSeenAt ? t('state.lastSeen', { date: formatDateTime(lastSeenAt) }) : t('state.never')}
    </Badge>
  );
}
