import { Badge } from '@mantine/core';
import type { KbStatus } from '@porta/contracts/kb';
import { useTranslation } from 'react-i18next';

export function KbStatusBadge({ status }: { status: KbStatus }) {
  const { t } = useTranslation('kb');
  return (
    <Badge variant="light" color={status === 'published' ? 'teal' : 'gray'} c="var(--mantine-color-text)">
      {t(`status.${status}`)}
    </Badge>
  );
}
