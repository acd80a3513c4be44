import { Badge, Button, Checkbox, Code, Group, Paper, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import type { TicketStatus } from '@porta/contracts/tickets';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../../components/ui/ConfirmModal';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { RowActions } from '../../../components/ui/RowActions';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useRetained } from '../../../lib/use-retained';
import { StatusBadge } from '../../tickets/components/TicketBadges';
import { statusLabel } from '../../tickets/labels';
import { useDeleteStatus, usePortalSettings, useTicketStatuses, useUpdatePortalSettings } from '../api';
import { StatusFormModal } from '../components/StatusFormModal';

/** T-3, T-4: statuses (default and own), which ones the portal shows, and whether contacts may reopen. */
export function TicketSettingsPage() {
  const { t } = useTranslation(['console', 'common']);
  const statuses = useTicketStatuses();
  const settings = usePortalSettings();

  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('ticketSettings.title')} description={t('ticketSettings.description')} />
      {statuses.isPending || settings.isPending ? (
        <LoadingState />
      ) : statuses.isError || settings.isError ? (
        <ErrorState
          error={statuses.error ?? settings.error}
          onRetry={() => {
            void statuses.refetch();
            void settings.refetch();
          }}
        />
      ) : (
        <>
          <VisibleStatusesCard key={settings.data.tickets.visibleStatuses.join()} statuses={statuses.data.items} visible={settings.data.tickets.visibleStatuses} />
          <ReopenCard allowReopen={settings.data.tickets.allowReopen} />
          <StatusesCard statuses={statuses.data.items} visible={settings.data.tickets.visibleStatuses} />
        </>
      )}
    </Stack>
  );
}

function VisibleStatusesCard({ statuses, visible }: { statuses: TicketStatus[]; visible: string[] }) {
  const { t } = useTranslation(['console', 'common']);
  const update = useUpdatePortalSettings();
  const [chosen, setChosen] = useState(visible.filter((key) => statuses.some((s) => s.key === key)));
  const dirty = [...chosen].sort().join() !== [...visible].sort().join();
  const save = () => {
    update
      .mutateAsync({ tickets: { visibleStatuses: statuses.map((s) => s.key).filter((key) => chosen.includes(key)) } })
      .then(() => notifySuccess(t('ticketSettings.visible.saved')))
      .catch(() => undefined);
  };
  return (
    <SectionCard title={t('ticketSettings.visible.title')} description={t('ticketSettings.visible.text')}>
      <Checkbox.Group label={t('ticketSettings.visible.label')} value={chosen} onChange={setChosen}>
        <Stack gap="xs" mt="xs">
          {statuses.map((status) => (
            <Checkbox key={status.id} value={status.key} label={statusLabel(status)} />
          ))}
        </Stack>
      </Checkbox.Group>
      <FormError error={update.error} />
      <Group>
        <Button onClick={save} loading={update.isPending} disabled={!dirty}>
          {t('common:actions.save')}
        </Button>
      </Group>
    </SectionCard>
  );
}

function ReopenCard({ allowReopen }: { allowReopen: boolean }) {
  const { t } = useTranslation(['console', 'common']);
  const update = useUpdatePortalSettings();
  const pending = update.isPending ? update.variables?.tickets?.allowReopen : undefined;
  const checked = !(pending ?? allowReopen);
  return (
    <SectionCard title={t('ticketSettings.reopen.title')}>
      <Switch
        size="md"
        label={t('ticketSettings.reopen.label')}
        description={t('ticketSettings.reopen.description')}
        checked={checked}
        disabled={update.isPending}
        onChange={(event) => {
          const noReopen = event.currentTarget.checked;
          update.mutate({ tickets: { allowReopen: !noReopen } }, { onSuccess: () => notifySuccess(noReopen ? t('ticketSettings.reopen.offNotice') : t('ticketSettings.reopen.onNotice')) });
        }}
      />
      <FormError error={update.error} />
    </SectionCard>
  );
}

function StatusesCard({ statuses, visible }: { statuses: TicketStatus[]; visible: string[] }) {
  const { t } = useTranslation(['console', 'common']);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TicketStatus | null>(null);
  const [deletingNow, setDeleting] = useState<TicketStatus | null>(null);
  const deleting = useRetained(deletingNow);
  const remove = useDeleteStatus();
  const updateSettings = useUpdatePortalSettings();

  const closeDelete = () => {
    remove.reset();
    setDeleting(null);
  };
  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      // Drop the key from the portal's visible statuses, so the settings stay valid.
      if (visible.includes(deleting.key)) await updateSettings.mutateAsync({ tickets: { visibleStatuses: visible.filter((key) => key !== deleting.key) } });
      notifySuccess(t('ticketSettings.statuses.deleted', { name: statusLabel(deleting) }));
      closeDelete();
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <SectionCard
      title={t('ticketSettings.statuses.title')}
      description={t('ticketSettings.statuses.text')}
      aside={
        <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
          {t('ticketSettings.statuses.add')}
        </Button>
      }
    >
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={300} type="native">
          <Table verticalSpacing="sm" aria-label={t('ticketSettings.statuses.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ticketSettings.statuses.name')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('ticketSettings.statuses.key')}</Table.Th>
                <Table.Th>{t('ticketSettings.statuses.category')}</Table.Th>
                <Table.Th w={64}>
                  <VisuallyHidden>{t('common:table.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statuses.map((status) => (
                <Table.Tr key={status.id}>
                  <Table.Td>
                    <Group gap={6}>
                      <StatusBadge status={status} />
                      {status.isDefault && (
                        <Badge size="xs" variant="outline" color="gray" c="dimmed">
                          {t('ticketSettings.statuses.default')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Code>{status.key}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{status.category === 'open' ? t('ticketSettings.statuses.categoryOpen') : t('ticketSettings.statuses.categoryClosed')}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {!status.isDefault && (
                      <RowActions
                        subject={statusLabel(status)}
                        actions={[
                          { label: t('common:actions.edit'), icon: <IconPencil size={16} aria-hidden />, onClick: () => setEditing(status) },
                          { label: t('common:actions.delete'), icon: <IconTrash size={16} aria-hidden />, onClick: () => setDeleting(status), danger: true },
                        ]}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <StatusFormModal opened={adding} onClose={() => setAdding(false)} />
      {editing && <StatusFormModal key={editing.id} opened status={editing} onClose={() => setEditing(null)} />}
      <ConfirmDeleteModal
        opened={deletingNow !== null}
        title={t('ticketSettings.statuses.deleteTitle')}
        loading={remove.isPending || updateSettings.isPending}
        error={remove.error ?? updateSettings.error}
        onClose={closeDelete}
        onConfirm={() => void confirmDelete()}
      >
        {t('ticketSettings.statuses.deleteText', { name: deleting ? statusLabel(deleting) : '' })}
      </ConfirmDeleteModal>
    </SectionCard>
  );
}
