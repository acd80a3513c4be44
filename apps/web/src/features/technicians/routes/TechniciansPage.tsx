import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { Technician } from '@porta/contracts/technicians';
import { LANGUAGE_NAMES } from '@porta/i18n/languages';
import { IconPencil, IconPlus, IconShieldOff, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal, ConfirmModal } from '../../../components/ui/ConfirmModal';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { RowActions } from '../../../components/ui/RowActions';
import { formatDate } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useListParams } from '../../../lib/use-list-params';
import { useTechnician } from '../../console-auth/technician-context';
import { useDeleteTechnician, useTechnicians, useUpdateTechnician } from '../api';
import { TechnicianFormModal } from '../components/TechnicianFormModal';
import { useRetained } from '../../../lib/use-retained';

export function TechniciansPage() {
  const { t } = useTranslation(['console', 'common']);
  const me = useTechnician();
  const list = useListParams();
  const technicians = useTechnicians({ q: list.query || undefined, page: list.page, pageSize: list.pageSize });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Technician | null>(null);
  const [deleting, setDeleting] = useState<Technician | null>(null);
  const [resetting, setResetting] = useState<Technician | null>(null);
  const remove = useDeleteTechnician();
  const shownReset = useRetained(resetting);
  const shownDelete = useRetained(deleting);
  const reset = useUpdateTechnician();

  const columns: Column<Technician>[] = [
    {
      key: 'name',
      header: t('technicians.list.columns.name'),
      render: (tech) => (
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600}>
              {tech.name}
            </Text>
            {tech.id === me.id && (
              <Badge size="xs" variant="outline" color="gray">
                {t('technicians.list.you')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {tech.email}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'role',
      header: t('technicians.list.columns.role'),
      render: (tech) => (
        <Badge variant="light" color={tech.isAdmin ? 'indigo' : 'gray'}>
          {tech.isAdmin ? t('technicians.roles.admin') : t('technicians.roles.technician')}
        </Badge>
      ),
    },
    {
      key: 'totp',
      header: t('technicians.list.columns.totp'),
      render: (tech) => (
        <Badge variant="dot" color={tech.totpEnabled ? 'teal' : 'gray'}>
          {tech.totpEnabled ? t('technicians.list.totpOn') : t('technicians.list.totpOff')}
        </Badge>
      ),
      visibleFrom: 'sm',
    },
    { key: 'language', header: t('technicians.list.columns.language'), render: (tech) => <Text size="sm">{LANGUAGE_NAMES[tech.language]}</Text>, visibleFrom: 'md' },
    { key: 'created', header: t('technicians.list.columns.created'), render: (tech) => <Text size="sm" c="dimmed">{formatDate(tech.createdAt)}</Text>, visibleFrom: 'lg' },
  ];

  const newButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {t('technicians.list.new')}
    </Button>
  );

  const closeDelete = () => {
    remove.reset();
    setDeleting(null);
  };
  const closeReset = () => {
    reset.reset();
    setResetting(null);
  };

  return (
    <>
      <PageHeader title={t('technicians.list.title')} description={t('technicians.list.description')} actions={newButton} />
      <DataTable
        caption={t('technicians.list.title')}
        columns={columns}
        rowKey={(tech) => tech.id}
        data={technicians.data}
        isLoading={technicians.isPending}
        isFetching={technicians.isPlaceholderData}
        error={technicians.error}
        onRetry={() => void technicians.refetch()}
        minWidth={300}
        search={{ value: list.search, onChange: list.setSearch, label: t('technicians.list.searchLabel'), placeholder: t('technicians.list.searchPlaceholder') }}
        onPageChange={list.setPage}
        empty={{ icon: <IconUsersGroup size={28} aria-hidden />, title: t('technicians.list.emptyTitle'), action: newButton }}
        rowActions={(tech) => (
          <RowActions
            subject={tech.name}
            actions={[
              { label: t('common:actions.edit'), icon: <IconPencil size={16} aria-hidden />, onClick: () => setEditing(tech) },
              { label: t('technicians.resetTotp.action'), icon: <IconShieldOff size={16} aria-hidden />, onClick: () => setResetting(tech), hidden: !tech.totpEnabled },
              { label: t('common:actions.delete'), icon: <IconTrash size={16} aria-hidden />, onClick: () => setDeleting(tech), danger: true, hidden: tech.id === me.id },
            ]}
          />
        )}
      />
      <TechnicianFormModal opened={creating} onClose={() => setCreating(false)} />
      <TechnicianFormModal opened={editing !== null} technician={editing ?? undefined} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={resetting !== null}
        title={t('technicians.resetTotp.title')}
        confirmLabel={t('technicians.resetTotp.confirm')}
        danger
        loading={reset.isPending}
        error={reset.error}
        onClose={closeReset}
        onConfirm={() => {
          if (!resetting) return;
          reset.mutate(
            { id: resetting.id, patch: { resetTotp: true } },
            {
              onSuccess: () => {
                notifySuccess(t('technicians.resetTotp.done', { name: resetting.name }));
                closeReset();
              },
            },
          );
        }}
      >
        {t('technicians.resetTotp.text', { name: shownReset?.name ?? '' })}
      </ConfirmModal>
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('technicians.delete.title')}
        loading={remove.isPending}
        error={remove.error}
        onClose={closeDelete}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('technicians.delete.done', { name: deleting.name }));
              closeDelete();
            },
          });
        }}
      >
        {t('technicians.delete.text', { name: shownDelete?.name ?? '' })}
      </ConfirmDeleteModal>
    </>
  );
}
