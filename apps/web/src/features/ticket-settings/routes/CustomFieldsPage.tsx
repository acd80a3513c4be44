import { Badge, Button, Code, Group, Paper, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { CustomField } from '@porta/contracts/custom-fields';
import { DEFAULT_TICKET_FIELDS, type FieldVisibility } from '@porta/contracts/portal-settings';
import { IconForms, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../../components/ui/ConfirmModal';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { RowActions } from '../../../components/ui/RowActions';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useRetained } from '../../../lib/use-retained';
import { useCustomFields, useDeleteCustomField, usePortalSettings, useUpdatePortalSettings } from '../api';
import { CustomFieldFormModal } from '../components/CustomFieldFormModal';

/** T-6, T-7: how each ticket field appears in the portal, and the tenant's own fields. */
export function CustomFieldsPage() {
  const { t } = useTranslation(['console', 'common']);
  const fields = useCustomFields();
  const settings = usePortalSettings();

  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={t('customFields.title')} description={t('customFields.description')} />
      {fields.isPending || settings.isPending ? (
        <LoadingState />
      ) : fields.isError || settings.isError ? (
        <ErrorState
          error={fields.error ?? settings.error}
          onRetry={() => {
            void fields.refetch();
            void settings.refetch();
          }}
        />
      ) : (
        <>
          <DefaultFieldsCard visibility={settings.data.fieldVisibility} />
          <CustomFieldsCard fields={fields.data.items} visibility={settings.data.fieldVisibility} />
        </>
      )}
    </Stack>
  );
}

function VisibilitySelect({ field, label, value, options }: { field: string; label: string; value: FieldVisibility; options: FieldVisibility[] }) {
  const { t } = useTranslation(['console', 'common']);
  const update = useUpdatePortalSettings();
  const shown = update.isPending ? (update.variables?.fieldVisibility?.[field] ?? value) : value;
  return (
    <Stack gap={4}>
      <Select
        aria-label={t('customFields.visibilityOf', { field: label })}
        data={options.map((option) => ({ value: option, label: t(`customFields.visibility.${option}`) }))}
        value={shown}
        allowDeselect={false}
        disabled={update.isPending}
        size="xs"
        w={170}
        comboboxProps={{ withinPortal: true }}
        onChange={(next) => {
          if (!next || next === value) return;
          update
            .mutateAsync({ fieldVisibility: { [field]: next as FieldVisibility } })
            .then(() => notifySuccess(t('customFields.visibilitySaved', { field: label, visibility: t(`customFields.visibility.${next as FieldVisibility}`) })))
            .catch(() => undefined);
        }}
      />
      <FormError error={update.error} />
    </Stack>
  );
}

function DefaultFieldsCard({ visibility }: { visibility: Record<string, FieldVisibility> }) {
  const { t } = useTranslation(['console', 'common']);
  return (
    <SectionCard title={t('customFields.defaultTitle')} description={t('customFields.defaultText')}>
      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" aria-label={t('customFields.defaultTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('customFields.columns.field')}</Table.Th>
              <Table.Th>{t('customFields.columns.portal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {DEFAULT_TICKET_FIELDS.map((key) => {
              const label = t(`common:tickets.fields.${key}`);
              return (
                <Table.Tr key={key}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {label}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <VisibilitySelect field={key} label={label} value={visibility[key] ?? 'hidden'} options={['edit', 'readonly', 'hidden']} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
    </SectionCard>
  );
}

function CustomFieldsCard({ fields, visibility }: { fields: CustomField[]; visibility: Record<string, FieldVisibility> }) {
  const { t } = useTranslation(['console', 'common']);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [deletingNow, setDeleting] = useState<CustomField | null>(null);
  const deleting = useRetained(deletingNow);
  const remove = useDeleteCustomField();
  const closeDelete = () => {
    remove.reset();
    setDeleting(null);
  };
  const addButton = (
    <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {t('customFields.add')}
    </Button>
  );

  return (
    <SectionCard title={t('customFields.customTitle')} description={t('customFields.customText')} aside={addButton}>
      {fields.length === 0 ? (
        <EmptyState icon={<IconForms size={28} aria-hidden />} title={t('customFields.emptyTitle')} description={t('customFields.emptyText')} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={320} type="native">
            <Table verticalSpacing="sm" aria-label={t('customFields.customTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customFields.columns.field')}</Table.Th>
                  <Table.Th visibleFrom="sm">{t('customFields.columns.type')}</Table.Th>
                  <Table.Th>{t('customFields.columns.portal')}</Table.Th>
                  <Table.Th w={64}>
                    <VisuallyHidden>{t('common:table.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fields.map((field) => (
                  <Table.Tr key={field.id}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm" fw={500}>
                          {field.label}
                        </Text>
                        <Code fz="xs" w="fit-content">
                          {field.key}
                        </Code>
                        {field.type === 'dropdown' && (
                          <Group gap={4}>
                            {field.options.slice(0, 5).map((option) => (
                              <Badge key={option} size="xs" variant="outline" color="gray" c="dimmed" tt="none">
                                {option}
                              </Badge>
                            ))}
                          </Group>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm">{t(`customFields.types.${field.type}`)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <VisibilitySelect
                        field={`custom.${field.key}`}
                        label={field.label}
                        value={visibility[`custom.${field.key}`] === 'edit' ? 'edit' : 'hidden'}
                        options={['edit', 'hidden']}
                      />
                    </Table.Td>
                    <Table.Td ta="right">
                      <RowActions
                        subject={field.label}
                        actions={[
                          { label: t('common:actions.edit'), icon: <IconPencil size={16} aria-hidden />, onClick: () => setEditing(field) },
                          { label: t('common:actions.delete'), icon: <IconTrash size={16} aria-hidden />, onClick: () => setDeleting(field), danger: true },
                        ]}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <CustomFieldFormModal opened={creating} onClose={() => setCreating(false)} />
      {editing && <CustomFieldFormModal key={editing.id} opened field={editing} onClose={() => setEditing(null)} />}
      <ConfirmDeleteModal
        opened={deletingNow !== null}
        title={t('customFields.deleteTitle')}
        loading={remove.isPending}
        error={remove.error}
        onClose={closeDelete}
        onConfirm={() => {
          if (!deleting) return;
          remove
            .mutateAsync(deleting.id)
            .then(() => {
              notifySuccess(t('customFields.deleted', { label: deleting.label }));
              closeDelete();
            })
            .catch(() => undefined);
        }}
      >
        {t('customFields.deleteText', { label: deleting?.label ?? '' })}
      </ConfirmDeleteModal>
    </SectionCard>
  );
}
