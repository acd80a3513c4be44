import { Button, Code, Group, Stack, Text } from '@mantine/core';
import type { SoftwarePackage } from '@porta/contracts/software';
import { IconListSearch, IconPackage, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../../components/ui/ConfirmModal';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { RowActions } from '../../../components/ui/RowActions';
import { notifySuccess } from '../../../lib/notify';
import { useRetained } from '../../../lib/use-retained';
import { useDeletePackage, useSelfServiceSettings, useSoftware } from '../api';
import { OsBadges } from '../components/OsBadges';
import { PackageFormModal } from '../components/PackageFormModal';
import { PrivateSourcesCard } from '../components/PrivateSourcesCard';
import { StarterPickerModal } from '../components/StarterPickerModal';

const ref = (value: string | null) => (value ? <Code>{value}</Code> : <Text size="sm" c="dimmed" component="span">—</Text>);

/** SS-5: Admin > Customer portal > Software: the catalogue contacts install from, and private sources. */
export function SoftwarePage() {
  const { t } = useTranslation(['devices', 'common']);
  const list = useSoftware();
  const settings = useSelfServiceSettings();
  const remove = useDeletePackage();
  const [editing, setEditing] = useState<SoftwarePackage | 'new' | null>(null);
  const [picking, setPicking] = useState(false);
  const [deleting, setDeleting] = useState<SoftwarePackage | null>(null);
  const shownDelete = useRetained(deleting);
  const shownEdit = useRetained(editing);

  const columns: Column<SoftwarePackage>[] = [
    { key: 'name', header: t('software.columns.name'), render: (p) => (
        <>
          {/* Divs, not paragraphs: a bold line over a small one is not a heading (axe p-as-heading). */}
          <Text component="div" size="sm" fw={600}>
            {p.name}
          </Text>
          {p.aliases.length > 0 && (
            <Text component="div" size="xs" c="dimmed">
              {p.aliases.join(', ')}
            </Text>
          )}
        </>
      ),
    },
    { key: 'chocolatey', header: t('software.columns.chocolatey'), render: (p) => ref(p.chocolateyId), visibleFrom: 'md' },
    { key: 'winget', header: t('software.columns.winget'), render: (p) => ref(p.wingetId), visibleFrom: 'lg' },
    {
      key: 'brew',
      header: t('software.columns.brew'),
      render: (p) => (p.homebrewCask ? <Group gap={4}>{ref(p.homebrewCask)}<Text size="xs" c="dimmed">{t('software.columns.cask')}</Text></Group> : ref(p.homebrewFormula)),
      visibleFrom: 'md',
    },
    { key: 'os', header: t('software.columns.os'), render: (p) => <OsBadges os={p.os} /> },
  ];

  const actions = (
    <Group gap="sm">
      <Button variant="default" leftSection={<IconListSearch size={16} aria-hidden />} onClick={() => setPicking(true)}>
        {t('software.pickStarter')}
      </Button>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
        {t('software.add')}
      </Button>
    </Group>
  );

  const closeDelete = () => {
    remove.reset();
    setDeleting(null);
  };

  return (
    <Stack gap="lg">
      <PageHeader title={t('software.title')} description={t('software.description')} actions={actions} />
      <DataTable
        caption={t('software.title')}
        columns={columns}
        rowKey={(p) => p.id}
        data={list.data}
        isLoading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        minWidth={360}
        empty={{ icon: <IconPackage size={28} aria-hidden />, title: t('software.emptyTitle'), description: t('software.emptyText'), action: actions }}
        rowActions={(p) => (
          <RowActions
            subject={p.name}
            actions={[
              { label: t('common:actions.edit'), icon: <IconPencil size={16} aria-hidden />, onClick: () => setEditing(p) },
              { label: t('common:actions.delete'), icon: <IconTrash size={16} aria-hidden />, onClick: () => setDeleting(p), danger: true },
            ]}
          />
        )}
      />
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <PrivateSourcesCard key={`${settings.data.chocolateySource ?? ''}|${settings.data.homebrewTap ?? ''}`} current={settings.data} />
      )}
      <PackageFormModal
        key={shownEdit === null ? 'none' : shownEdit === 'new' ? 'new' : shownEdit.id}
        opened={editing !== null}
        pkg={shownEdit === 'new' ? null : shownEdit}
        onClose={() => setEditing(null)}
      />
      <StarterPickerModal opened={picking} catalogue={list.data?.items ?? []} onClose={() => setPicking(false)} />
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('software.delete.title')}
        loading={remove.isPending}
        error={remove.error}
        onClose={closeDelete}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('software.delete.done', { name: deleting.name }));
              closeDelete();
            },
          });
        }}
      >
        {t('software.delete.text', { name: shownDelete?.name ?? '' })}
      </ConfirmDeleteModal>
    </Stack>
  );
}
