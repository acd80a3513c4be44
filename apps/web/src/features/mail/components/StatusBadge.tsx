import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const OUT_COLORS = { pending: 'blue', done: 'teal', dead: 'red', held: 'yellow' } as const;
const IN_COLORS = { ticket: 'teal', comment: 'blue', ignored: 'gray', rejected: 'orange', failed: 'red' } as const;

export function OutboxStatusBadge({ status }: { status: keyof typeof OUT_COLORS }) {
  const { t } = useTranslation('mail');
  return (
    <Badge variant="light" color={OUT_COLORS[status]}>
      {t(`ui.outbox.states.${status}`)}
    </Badge>
  );
}

export function InboundStatusBadge({ status }: { status: keyof typeof IN_COLORS }) {
  const { t } = useTranslation('mail');
  return (
    <Badge variant="light" color={IN_COLORS[status]}>
      {t(`ui.inbound.states.${status}`)}
    </Badge>
  );
}
