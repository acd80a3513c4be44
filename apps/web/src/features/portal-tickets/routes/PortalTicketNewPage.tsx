import { Button, FileInput, Group, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { portalTicketCreateSchema } from '@porta/contracts/tickets';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { MarkdownEditor } from '../../../components/ui/MarkdownEditor';
import { PageHeader } from '../../../components/ui/PageHeader';
import { errorMessage } from '../../../components/ui/error-message';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { asCustomField, CustomFieldInput, type CustomValue } from '../../tickets/components/CustomFieldInput';
import { localInputToIso } from '../../tickets/due-date';
import { impactOptions, priorityOptions, typeOptions } from '../../tickets/labels';
import { type PortalTicketInput, refreshPortalTicket, uploadPortalAttachment, useCreatePortalTicket, usePortalTicketForm } from '../api';
import { assigneeIdOf, PortalAssigneeSelect, UNASSIGNED } from '../components/PortalAssigneeSelect';

interface Values {
  subject: string;
  description: string;
  priority: string | null;
  type: string | null;
  impact: string | null;
  /** A technician's id or `UNASSIGNED`. */
  assigneeId: string;
  /** `datetime-local` text; empty for none. */
  dueAt: string;
  customFields: Record<string, CustomValue>;
  files: File[];
}

const DEFAULT_SELECTS = { priority: priorityOptions, type: typeOptions, impact: impactOptions } as const;
type DefaultSelect = keyof typeof DEFAULT_SELECTS;
const isDefaultSelect = (key: string): key is DefaultSelect => key in DEFAULT_SELECTS;
const INITIAL: Record<DefaultSelect, string> = { priority: 'medium', type: 'incident', impact: 'low' };

/** A technician removed meanwhile: said next to the assignee. */
const CODE_FIELDS = { TECHNICIAN_NOT_FOUND: 'assigneeId' } as const;

function toInput(values: Values, editable: Set<string>): PortalTicketInput {
  const input: PortalTicketInput = { subject: values.subject.trim(), description: values.description };
  for (const key of ['priority', 'type', 'impact'] as const) {
    const value = values[key];
    if (editable.has(key) && value) input[key] = value;
  }
  const assigneeId = assigneeIdOf(values.assigneeId);
  if (editable.has('assignee') && assigneeId) input.assigneeId = assigneeId;
  const dueAt = localInputToIso(values.dueAt);
  if (editable.has('dueDate') && dueAt) input.dueAt = dueAt;
  const custom = Object.fromEntries(Object.entries(values.customFields).filter(([key, value]) => editable.has(`custom.${key}`) && value !== null && value !== ''));
  if (Object.keys(custom).length > 0) input.customFields = custom;
  return input;
}

/** T-1: a contact opens a ticket with only the fields they may set (T-6); files follow right after. */
export function PortalTicketNewPage() {
  const { t } = useTranslation(['portal', 'common']);
  const navigate = useNavigate();
  const ticketForm = usePortalTicketForm();
  const create = useCreatePortalTicket();
  const [uploading, setUploading] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      subject: '',
      description: '',
      priority: INITIAL.priority,
      type: INITIAL.type,
      impact: INITIAL.impact,
      assigneeId: UNASSIGNED,
      dueAt: '',
      customFields: {},
      files: [],
    },
    validate: (values) => zodValidator(portalTicketCreateSchema)({ subject: values.subject, description: values.description }),
  });
  const back = <BackLink to="/tickets" label={t('tickets.detail.back')} />;

  if (ticketForm.isPending) return <LoadingState />;
  if (ticketForm.isError) {
    return (
      <>
        <PageHeader above={back} title={t('tickets.new.title')} />
        <ErrorState error={ticketForm.error} onRetry={() => void ticketForm.refetch()} />
      </>
    );
  }

  const editableFields = ticketForm.data.fields.filter((field) => field.visibility === 'edit');
  const defaults = editableFields.filter((field) => field.kind === 'default' && isDefaultSelect(field.key));
  const customs = editableFields.flatMap((field) => (field.kind === 'custom' ? [asCustomField(field)] : [])).filter((field) => field !== null);
  const editable = new Set(editableFields.map((field) => (field.kind === 'custom' ? `custom.${field.key}` : field.key)));
  // T-6: offered only when the admin lets contacts set them (the form lists technicians only then).
  const assigneeField = editableFields.find((field) => field.kind === 'default' && field.key === 'assignee');
  const dueDateEditable = editable.has('dueDate');

  const submit = form.onSubmit(async (values) => {
    let ticketId: string;
    try {
      const created = await create.mutateAsync(toInput(values, editable));
      ticketId = created.id;
    } catch (failure) {
      showServerFieldErrors(form, failure, ['subject', 'description', 'priority', 'type', 'impact', 'assigneeId', 'dueAt'], CODE_FIELDS);
      return;
    }
    setUploading(true);
    for (const file of values.files) {
      try {
        await uploadPortalAttachment(ticketId, file);
      } catch (failure) {
        notifyError(t('tickets.new.uploadFailed', { name: file.name, reason: errorMessage(failure) }));
      }
    }
    setUploading(false);
    if (values.files.length > 0) await refreshPortalTicket(ticketId);
    notifySuccess(t('tickets.new.created'));
    void navigate(`/tickets/${ticketId}`, { replace: true });
  });

  return (
    <>
      <PageHeader above={back} title={t('tickets.new.title')} description={t('tickets.new.description')} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={760}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput label={t('common:tickets.fields.subject')} description={t('tickets.new.subjectHint')} required maxLength={200} {...form.getInputProps('subject')} />
            <MarkdownEditor
              label={t('common:tickets.fields.description')}
              value={form.values.description}
              onChange={(value) => form.setFieldValue('description', value)}
              error={form.errors.description}
              placeholder={t('tickets.new.descriptionPlaceholder')}
              minRows={6}
            />
            {defaults.length > 0 && (
              <SimpleGrid cols={{ base: 1, sm: Math.min(defaults.length, 3) }} spacing="sm">
                {defaults.map((field) =>
                  isDefaultSelect(field.key) ? (
                    <Select
                      key={field.key}
                      label={t(`common:tickets.fields.${field.key}`)}
                      data={DEFAULT_SELECTS[field.key]()}
                      allowDeselect={false}
                      comboboxProps={{ withinPortal: true }}
                      {...form.getInputProps(field.key)}
                    />
                  ) : null,
                )}
              </SimpleGrid>
            )}
            {(assigneeField || dueDateEditable) && (
              <SimpleGrid cols={{ base: 1, sm: assigneeField && dueDateEditable ? 2 : 1 }} spacing="sm">
                {assigneeField && (
                  <PortalAssigneeSelect
                    label={t('common:tickets.fields.assignee')}
                    description={t('tickets.assigneeHint')}
                    choices={assigneeField.choices ?? []}
                    {...form.getInputProps('assigneeId')}
                  />
                )}
                {dueDateEditable && (
                  <TextInput type="datetime-local" label={t('common:tickets.fields.dueDate')} description={t('tickets.dueDateHint')} {...form.getInputProps('dueAt')} />
                )}
              </SimpleGrid>
            )}
            {customs.map((field) => (
              <CustomFieldInput
                key={field.key}
                field={field}
                value={form.values.customFields[field.key]}
                onChange={(value) => form.setFieldValue(`customFields.${field.key}`, value)}
              />
            ))}
            <FileInput
              label={t('tickets.new.attachments')}
              description={t('tickets.new.attachmentsHint')}
              placeholder={t('tickets.new.attachmentsPlaceholder')}
              // Mantine's placeholder grey is below AA contrast; this one is a real element, not ::placeholder.
              styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
              multiple
              clearable
              leftSection={<IconPaperclip size={16} aria-hidden />}
              value={form.values.files}
              onChange={(files) => form.setFieldValue('files', files)}
            />
            <FormError error={create.error} shownOnFields={CODE_FIELDS} />
            <Group gap="sm">
              <Button type="submit" loading={create.isPending || uploading}>
                {t('tickets.new.submit')}
              </Button>
              <Button variant="default" onClick={() => void navigate('/tickets')} disabled={create.isPending || uploading}>
                {t('common:actions.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
