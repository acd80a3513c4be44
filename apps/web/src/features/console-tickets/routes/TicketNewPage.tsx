import { Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ticketCreateSchema } from '@porta/contracts/tickets';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { FormError } from '../../../components/ui/FormError';
import { MarkdownEditor } from '../../../components/ui/MarkdownEditor';
import { PageHeader } from '../../../components/ui/PageHeader';
import { showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { useTechnician } from '../../console-auth/technician-context';
import { ContactSelect } from '../../contacts/components/ContactSelect';
import { useCustomFields } from '../../ticket-settings/api';
import { CustomFieldInput, type CustomValue } from '../../tickets/components/CustomFieldInput';
import { localInputToIso } from '../../tickets/due-date';
import { impactOptions, priorityOptions, typeOptions } from '../../tickets/labels';
import { type TicketCreateInput, useCreateTicket } from '../api';
import { AssigneeSelect } from '../components/AssigneeSelect';

interface Values {
  contactId: string | null;
  subject: string;
  description: string;
  priority: string;
  type: string;
  impact: string;
  assigneeId: string | null;
  assignToMe: boolean;
  dueAt: string;
  customFields: Record<string, CustomValue>;
}

const FIELDS = ['contactId', 'subject', 'description', 'priority', 'type', 'impact', 'assigneeId', 'dueAt'] as const;

/** T-8: a technician opens a ticket on behalf of a contact (from the queue or a contact's page). */
export function TicketNewPage() {
  const { t } = useTranslation(['console', 'common']);
  const navigate = useNavigate();
  const me = useTechnician();
  const [params] = useSearchParams();
  const contactId = params.get('contactId');
  const backTo = contactId ? `/console/contacts/${contactId}` : '/console/tickets';
  const create = useCreateTicket();
  const customFields = useCustomFields();

  const toInput = (values: Values): TicketCreateInput => {
    const custom = Object.fromEntries(Object.entries(values.customFields).filter(([, value]) => value !== null && value !== ''));
    return {
      contactId: values.contactId ?? '',
      subject: values.subject.trim(),
      description: values.description,
      priority: values.priority,
      type: values.type,
      impact: values.impact,
      assigneeId: me.isAdmin ? values.assigneeId : values.assignToMe ? me.id : null,
      dueAt: localInputToIso(values.dueAt),
      ...(Object.keys(custom).length > 0 && { customFields: custom }),
    };
  };

  const form = useForm<Values>({
    initialValues: { contactId, subject: '', description: '', priority: 'medium', type: 'incident', impact: 'low', assigneeId: null, assignToMe: false, dueAt: '', customFields: {} },
    validate: (values) => zodValidator(ticketCreateSchema)(toInput(values)),
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const created = await create.mutateAsync(toInput(values));
      notifySuccess(t('tickets.new.created', { number: created.number }));
      void navigate(`/console/tickets/${created.id}`, { replace: true });
    } catch (failure) {
      showServerFieldErrors(form, failure, FIELDS);
    }
  });

  return (
    <>
      <PageHeader
        above={<BackLink to={backTo} label={contactId ? t('tickets.new.backToContact') : t('tickets.detail.back')} />}
        title={t('tickets.new.title')}
        description={t('tickets.new.description')}
      />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={860}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <ContactSelect label={t('tickets.new.contact')} placeholder={t('contactSelect.placeholder')} required {...form.getInputProps('contactId')} />
            <TextInput label={t('common:tickets.fields.subject')} required maxLength={200} {...form.getInputProps('subject')} />
            <MarkdownEditor
              label={t('common:tickets.fields.description')}
              value={form.values.description}
              onChange={(value) => form.setFieldValue('description', value)}
              error={form.errors.description}
              minRows={6}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Select label={t('common:tickets.fields.priority')} data={priorityOptions()} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps('priority')} />
              <Select label={t('common:tickets.fields.type')} data={typeOptions()} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps('type')} />
              <Select label={t('common:tickets.fields.impact')} data={impactOptions()} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps('impact')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {me.isAdmin ? (
                <AssigneeSelect label={t('common:tickets.fields.assignee')} placeholder={t('common:tickets.unassigned')} clearable {...form.getInputProps('assigneeId')} />
              ) : (
                <Checkbox label={t('tickets.new.assignToMe')} mt="lg" {...form.getInputProps('assignToMe', { type: 'checkbox' })} />
              )}
              <TextInput type="datetime-local" label={t('common:tickets.fields.dueDate')} {...form.getInputProps('dueAt')} />
            </SimpleGrid>
            {(customFields.data?.items ?? []).map((field) => (
              <CustomFieldInput
                key={field.key}
                field={field}
                value={form.values.customFields[field.key]}
                onChange={(value) => form.setFieldValue(`customFields.${field.key}`, value)}
              />
            ))}
            <FormError error={create.error} />
            <Group gap="sm">
              <Button type="submit" loading={create.isPending}>
                {t('tickets.new.submit')}
              </Button>
              <Button variant="default" onClick={() => void navigate(backTo)} disabled={create.isPending}>
                {t('common:actions.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
