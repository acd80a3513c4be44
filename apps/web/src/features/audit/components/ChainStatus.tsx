import { Badge, Loader } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAuditChain } from '../api';

/** SS-7: "chain verified" when every row follows from the one before, else where it breaks. */
export function ChainStatus() {
  const { t } = useTranslation('devices');
  const chain = useAuditChain();
  if (chain.isPending) return <Loader size="sm" role="status" aria-label={t('audit.chain.checking')} />;
  if (chain.isError) return <Badge variant="light" color="gray">{t('audit.chain.unknown')}</Badge>;
  return (
    <Badge
      role="status"
      size="lg"
      variant="light"
      color={chain.data.ok ? 'teal' : 'red'}
      leftSection={chain.data.ok ? <IconShieldCheck size={16} aria-hidden /> : <IconAlertTriangle size={16} aria-hidden />}
    >
      {chain.data.ok ? t('audit.chain.ok', { count: chain.data.rows }) : t('audit.chain.broken', { seq: chain.data.brokenAt ?? 0 })}
    </Badge>
  );
}
