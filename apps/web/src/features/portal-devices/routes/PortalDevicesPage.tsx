import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { portalDeviceListSchema } from '@porta/contracts/devices';
import { IconDeviceDesktop } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/ui/EmptyState';
import { QueryFallback } from '../../../components/ui/QueryFallback';
import { PageHeader } from '../../../components/ui/PageHeader';
import { portalApi } from '../../../lib/api-clients';
import { OnlineBadge } from '../../devices/components/OnlineBadge';
import { usePhoneState } from '../../portal-self-service/api';
import { DeviceActionsMenu } from '../../portal-self-service/components/DeviceActionsMenu';

/** SS-2: "My devices": the devices a technician assigned to the contact, with their state and self-service actions (issue 12 item 9). */
export function PortalDevicesPage() {
  const { t } = useTranslation('devices');
  // The self-service routes answer 404 with the section off: then no actions are offered (SS-3).
  // A failed refetch keeps the phone state it had, so the menu (and a dialog opened from it) stays.
  const selfService = usePhoneState();
  const devices = useQuery({ queryKey: ['portal', 'devices'], queryFn: () => portalApi.get('/api/v1/portal/devices', portalDeviceListSchema), refetchInterval: 15_000 });
  return (
    <Stack gap="lg">
      <PageHeader title={t('portal.title')} description={t('portal.description')} />
      {/* A failed poll keeps what is shown (and an open action dialog with it); the next poll tries again. */}
      {devices.data === undefined ? (
        <QueryFallback query={devices} />
      ) : devices.data.items.length === 0 ? (
        <EmptyState icon={<IconDeviceDesktop size={28} aria-hidden />} title={t('portal.emptyTitle')} description={t('portal.emptyText')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {devices.data.items.map((d) => (
            <Card key={d.id} withBorder padding="lg">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{d.hostname}</Text>
                <OnlineBadge online={d.online} lastSeenAt={d.lastSeenAt} />
              </Group>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" c="dimmed">{`${t(`os.${d.os}`)} ${d.osVersion}`}</Text>
                {selfService.data ? <DeviceActionsMenu device={d} /> : null}
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
