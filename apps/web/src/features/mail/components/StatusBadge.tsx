import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS = {
  outbox: { pending: 'blue', done: 'teal', dead: 'red', held: 'yellow' },
  inbound: { ticket: 'teal', comment: 'blue', ignored: 'gray', rejected: 'orange', failed: 'red' },
} as const;

type Kind = keyof typeof COLORS;

/** A mail's state as a coloured badge: `outbox` (delivery) or `inbound` (what a received mail became). */
export function MailStatusBadge<K extends Kind>({ kind, status }: { kind: K; status: keyof (typeof COLORS)[K] & string }) {
  const { t } = useTranslation('mail');
  const colors: Record<string, string> = COLORS[kind];
  return (
    <Badge variant="light" color={colors[status]} c="var(--mantine-color-text)" fw={600}>
      {kind === 'outbox' ? t(`ui.outbox.states.${status as 'pending'}`) : t(`ui.inbound.states.${status as 'ticket'}`)}
    </Badge>
  );
}
