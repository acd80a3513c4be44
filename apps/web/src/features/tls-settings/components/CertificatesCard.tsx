import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { TlsHostState } from '@porta/contracts/tls';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { SectionCard } from '../../../components/ui/SectionCard';
import { formatDateTime } from '../../../lib/format';
import { useTlsStatus } from '../api';

const COLOURS: Record<TlsHostState['state'], string> = { none: 'gray', pending: 'blue', valid: 'green', failed: 'red' };

/** D-3 on Admin > Customer portal: each host of the tenant and its HTTPS certificate. */
export function CertificatesCard() {
  const { t: k } = useTranslation('console', { keyPrefix: 'portalSettings.tls' });
  const status = useTlsStatus();
  return (
    <SectionCard
      title={
        <Group gap="xs" component="span">
          <IconLock size={20} aria-hidden />
          {k('title')}
        </Group>
      }
      description={status.data ? k(`modes.${status.data.mode}`) : k('text')}
    >
      {status.isPending ? (
        <LoadingState />
      ) : status.isError ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : status.data.hosts.length === 0 ? (
        <Text c="dimmed">{k('empty')}</Text>
      ) : (
        <Table data-testid="tls-hosts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{k('host')}</Table.Th>
              <Table.Th>{k('state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.data.hosts.map((h) => (
              <Table.Tr key={h.host}>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {h.host}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge color={COLOURS[h.state]} variant="light">
                      {k(`states.${h.state}`)}
                    </Badge>
                    {h.state === 'valid' && h.validUntil && <Text size="sm">{k('validUntil', { date: formatDateTime(h.validUntil) })}</Text>}
                    {h.state === 'failed' && (
                      <>
                        {h.failureReason && (
                          <Text size="sm" c="red">
                            {h.failureReason}
                          </Text>
                        )}
                        {h.nextAttemptAt && <Text size="sm">{k('nextAttempt', { date: formatDateTime(h.nextAttemptAt) })}</Text>}
                        {h.validUntil && <Text size="sm">{k('stillValid', { date: formatDateTime(h.validUntil) })}</Text>}
                      </>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SectionCard>
  );
}
