import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOR = { pending: 'blue', delivered: 'teal', dead: 'red' } as const;

export function DeliveryStatusBadge({ status }: { status: keyof typeof COLOR }) {
  const { t } = useTranslation('console');
  return (
    <Badge variant="light" color={COLOR[status]}>
      {t(`webhooks.deliveries.states.${status}`)}
    </Badge>
  );
}
