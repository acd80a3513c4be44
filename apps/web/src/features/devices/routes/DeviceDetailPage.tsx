import { Badge, Button, Group, SimpleGrid, Stack, Table, Text, Timeline } from '@mantine/core';
import type { DeviceCommand } from '@porta/contracts/devices';
import { IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { DetailError } from '../../../components/ui/DetailError';
import { EmptyState } from '../../../components/ui/EmptyState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { formatDateTime, formatFileSize } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { eventField, useEventStream } from '../../../lib/use-event-stream';
import { DEVICE_EVENTS, refreshDevice, useDevice, useRevokeDevice } from '../api';
import { AssignContacts } from '../components/AssignContacts';
import { OnlineBadge } from '../components/OnlineBadge';

const STATUS_COLOR: Record<DeviceCommand['status'], string> = {
  queued: 'gray',
  sent: 'blue',
  acknowledged: 'blue',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  refused: 'red',
  expired: 'gray',
  cancelled: 'gray',
};

const DEVICE_TOPICS = ['device.changed'] as const;

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
}

/** SS-2, SS-7: a device: inventory, contacts, command history with each step's time, revoke. */
export function DeviceDetailPage() {
  const { t } = useTranslation(['devices', 'common']);
  const { id = '' } = useParams();
  // SS-7: each command step arrives over the event stream; the page rereads the device through the API.
  const live = useEventStream(id ? DEVICE_EVENTS : null, DEVICE_TOPICS, {
    onEvent: (_topic, data) => {
      if (eventField(data, 'deviceId') === id) void refreshDevice(id);
    },
    // Subscribed (again): read once, so no step that happened before is missed.
    onReady: () => void refreshDevice(id),
  });
  const device = useDevice(id, live);
  const revoke = useRevokeDevice(id);
  const [confirming, setConfirming] = useState(false);
  const back = { to: '/console/devices', label: t('detail.back') };

  // An error replaces the page only when there is nothing to show: a failed poll keeps the last answer.
  if (device.data === undefined) return device.isError ? <DetailError error={device.error} back={back} title={t('detail.errorTitle')} onRetry={() => void device.refetch()} /> : <LoadingState />;
  const d = device.data;
  const inv = d.inventory;

  return (
    <Stack gap="lg">
      <PageHeader
        above={<BackLink to={back.to} label={back.label} />}
        title={d.hostname}
        description={d.customerName}
        actions={
          !d.revokedAt && (
            <Button variant="light" color="red" leftSection={<IconBan size={16} aria-hidden />} onClick={() => setConfirming(true)}>
              {t('detail.revoke')}
            </Button>
          )
        }
      />
      <SectionCard title={t('detail.inventoryTitle')} aside={<OnlineBadge online={d.online} lastSeenAt={d.lastSeenAt} revokedAt={d.revokedAt} />}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Fact label={t('detail.os')} value={`${t(`os.${inv.os}`)} ${inv.osVersion}`} />
          <Fact label={t('detail.arch')} value={inv.arch || '—'} />
          <Fact label={t('detail.user')} value={inv.loggedInUser ?? '—'} />
          <Fact label={t('detail.serial')} value={inv.serial ?? '—'} />
          <Fact label={t('detail.agentVersion')} value={inv.agentVersion || '—'} />
          <Fact label={t('detail.uptime')} value={t('detail.uptimeHours', { count: Math.floor(inv.uptimeSeconds / 3600) })} />
        </SimpleGrid>
        {inv.disks.length > 0 && (
          <Table mt="md" captionSide="top">
            <Table.Caption>{t('detail.disks')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('detail.mount')}</Table.Th>
                <Table.Th>{t('detail.size')}</Table.Th>
                <Table.Th>{t('detail.free')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inv.disks.map((disk) => (
                <Table.Tr key={disk.mount}>
                  <Table.Td>{disk.mount}</Table.Td>
                  <Table.Td>{formatFileSize(disk.sizeBytes)}</Table.Td>
                  <Table.Td>{formatFileSize(disk.freeBytes)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </SectionCard>
      <SectionCard title={t('detail.contactsTitle')} description={t('detail.contactsText')}>
        <AssignContacts key={d.contacts.map((c) => c.id).join()} device={d} />
      </SectionCard>
      <SectionCard title={t('detail.commandsTitle')}>
        {d.commands.length === 0 ? (
          <EmptyState title={t('detail.noCommands')} />
        ) : (
          <Stack gap="lg">
            {d.commands.map((c) => (
              <Stack key={c.id} gap="xs">
                <Group gap="sm">
                  <Text fw={600}>{t(`actions.${c.action}`, { defaultValue: c.action })}</Text>
                  <Badge color={STATUS_COLOR[c.status]} variant="light">{t(`status.${c.status}`)}</Badge>
                  {c.refusalReason && <Text size="sm" c="red">{c.refusalReason}</Text>}
                </Group>
                <Timeline bulletSize={12} lineWidth={2} active={c.events.length - 1}>
                  {c.events.map((e, i) => (
                    <Timeline.Item key={i} title={t(`status.${e.status}`)}>
                      <Text size="xs" c="dimmed">{formatDateTime(e.at)}</Text>
                      {e.detail && <Text size="xs">{e.detail}</Text>}
                    </Timeline.Item>
                  ))}
                </Timeline>
              </Stack>
            ))}
          </Stack>
        )}
      </SectionCard>
      <ConfirmModal
        opened={confirming}
        title={t('detail.revokeTitle')}
        confirmLabel={t('detail.revoke')}
        danger
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              notifySuccess(t('detail.revoked', { name: d.hostname }));
              setConfirming(false);
            },
          })
        }
      >
        {t('detail.revokeText', { name: d.hostname })}
      </ConfirmModal>
    </Stack>
  );
}
