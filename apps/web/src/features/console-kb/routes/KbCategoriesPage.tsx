import { ActionIcon, Badge, Button, Group, Paper, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import type { KbCategory } from '@porta/contracts/kb';
import { IconArrowDown, IconArrowUp, IconCategory, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../../components/ui/BackLink';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { RowActions } from '../../../components/ui/RowActions';
import { SectionCard } from '../../../components/ui/SectionCard';
import { useTechnician } from '../../console-auth/technician-context';
import { useDeleteKbCategory, useKbCategories, useKbSettings, useSaveKbCategory, useUpdateKbSettings } from '../api';
import { KbCategoryModal } from '../components/KbCategoryModal';

/** KB-1: categories (a name per language, an order) and, for admins, the tenant's KB options. */
export function KbCategoriesPage() {
  const { t } = useTranslation(['kb', 'common']);
  const categories = useKbCategories();
  const save = useSaveKbCategory();
  const remove = useDeleteKbCategory();
  const [editing, setEditing] = useState<KbCategory | null | 'new'>(null);
  const [deleting, setDeleting] = useState<KbCategory | null>(null);
  const items = categories.data?.items ?? [];

  // Moving swaps positions with the neighbour, renumbering all first so equal positions never stall it.
  const move = async (index: number, by: -1 | 1) => {
    const order = items.map((c) => c.id);
    const [moved] = order.splice(index, 1);
    if (!moved) return;
    order.splice(index + by, 0, moved);
    for (const [position, id] of order.entries()) {
      if (items.find((c) => c.id === id)?.position !== position) await save.mutateAsync({ id, input: { position } });
    }
  };

  const addButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
      {t('categories.add')}
    </Button>
  );

  return (
    <>
      <PageHeader above={<BackLink to="/console/kb" label={t('console.title')} />} title={t('categories.title')} description={t('categories.description')} actions={addButton} />
      <Stack gap="lg">
        {categories.isPending ? (
          <LoadingState />
        ) : categories.isError ? (
          <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />
        ) : items.length === 0 ? (
          <Paper withBorder radius="md">
            <EmptyState icon={<IconCategory size={28} aria-hidden />} title={t('categories.emptyTitle')} description={t('categories.emptyText')} action={addButton} />
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={420}>
              <Table verticalSpacing="sm" highlightOnHover aria-label={t('categories.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('categories.name')}</Table.Th>
                    <Table.Th>{t('categories.articles')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('common:table.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((c, index) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Text fw={600}>{c.name}</Text>
                        <Group gap={4} mt={2}>
                          {Object.keys(c.names).map((l) => (
                            <Badge key={l} size="xs" variant="outline" tt="uppercase">
                              {l}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{c.articleCount}</Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <ActionIcon variant="subtle" color="gray" disabled={index === 0 || save.isPending} onClick={() => void move(index, -1)} aria-label={t('categories.moveUp', { name: c.name })}>
                            <IconArrowUp size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            disabled={index === items.length - 1 || save.isPending}
                            onClick={() => void move(index, 1)}
                            aria-label={t('categories.moveDown', { name: c.name })}
                          >
                            <IconArrowDown size={16} />
                          </ActionIcon>
                          <RowActions
                            subject={c.name}
                            actions={[
                              { label: t('common:actions.edit'), icon: <IconPencil size={16} aria-hidden />, onClick: () => setEditing(c) },
                              { label: t('common:actions.delete'), icon: <IconTrash size={16} aria-hidden />, onClick: () => setDeleting(c), danger: true },
                            ]}
                          />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
        <KbOptions />
      </Stack>
      {editing !== null && <KbCategoryModal key={editing === 'new' ? 'new' : editing.id} category={editing === 'new' ? null : editing} opened onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={deleting !== null}
        title={t('categories.deleteTitle')}
        confirmLabel={t('common:actions.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      >
        {t('categories.deleteText', { name: deleting?.name ?? '' })}
      </ConfirmModal>
    </>
  );
}

/** The tenant's KB option: images from other sites in articles (admins change it). */
function KbOptions() {
  const { t } = useTranslation('kb');
  const me = useTechnician();
  const settings = useKbSettings();
  const update = useUpdateKbSettings();
  return (
    <SectionCard title={t('options.title')} description={t('options.description')}>
      <Switch
        label={t('options.externalImages')}
        description={t('options.externalImagesHint')}
        checked={settings.data?.externalImages ?? false}
        disabled={!me.isAdmin || settings.isPending || update.isPending}
        onChange={(e) => update.mutate(e.currentTarget.checked)}
      />
    </SectionCard>
  );
}
