import { Badge } from '@mantine/core';
import type { Priority, TicketStatus } from '@porta/contracts/tickets';
import { useTranslation } from 'react-i18next';
import { priorityColor, priorityLabel, statusColor, statusLabel } from '../labels';

/** Tinted badges with the body text colour: coloured text on a tint falls below AA contrast for orange and teal. */
export function StatusBadge({ status }: { status: Pick<TicketStatus, 'key' | 'name' | 'category'> }) {
  useTranslation();
  const color = statusColor(status);
  return (
    <Badge variant="light" color={color} c="var(--mantine-color-text)" tt="none" fw={600}>
      {statusLabel(status)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  useTranslation();
  const color = priorityColor(priority);
  return (
    <Badge variant="dot" color={color} c="var(--mantine-color-text)" tt="none" fw={500}>
      {priorityLabel(priority)}
    </Badge>
  );
}

export function BilledBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="grape" c="grape.9" tt="none" fw={600}>
      {t('tickets.billed')}
    </Badge>
  );
}
