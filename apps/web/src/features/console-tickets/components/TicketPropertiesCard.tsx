import { Button, Group, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TicketDetail } from '@porta/contracts/tickets';
import { IconUserCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useTechnician } from '../../console-auth/technician-context';
import { useCustomFields, useTicketStatuses } from '../../ticket-settings/api';
import { CustomFieldInput, type CustomValue } from '../../tickets/components/CustomFieldInput';
import { isoToLocalInput, localInputToIso } from '../../tickets/due-date';
import { impactOptions, priorityOptions, statusLabel, typeOptions } from '../../tickets/labels';
import { type TicketPatch, useUpdateTicket } from '../api';
import { AssigneeSelect } from './AssigneeSelect';

interface Values {
  status: string;
  priority: string;
  type: string;
  impact: string;
  assigneeId: string | null;
  dueAt: string;
  billed: boolean;
  billedMinutes: number | string;
  customFields: Record<string, CustomValue>;
}

function toValues(ticket: TicketDetail, customKeys: string[]): Values {
  return {
    status: ticket.status.key,
    priority: ticket.priority ?? 'medium',
    type: ticket.type ?? 'incident',
    impact: ticket.impact ?? 'low',
    assigneeId: ticket.assignee?.id ?? null,
    dueAt: isoToLocalInput(ticket.dueAt),
    billed: ticket.billed,
    billedMinutes: ticket.billedMinutes ?? 0,
    customFields: Object.fromEntries(customKeys.map((key) => [key, ticket.customFields[key] ?? null])),
  };
}

/** Only what changed is sent, so two technicians editing different fields do not overwrite each other. */
function diff(before: Values, after: Values): TicketPatch {
  const patch: TicketPatch = {};
  if (after.status !== before.status) patch.status = after.status;
  if (after.priority !== before.priority) patch.priority = after.priority;
  if (after.type !== before.type) patch.type = after.type;
  if (after.impact !== before.impact) patch.impact = after.impact;
  if (after.assigneeId !== before.assigneeId) patch.assigneeId = after.assigneeId;
  if (after.dueAt !== before.dueAt) patch.dueAt = localInputToIso(after.dueAt);
  if (after.billed !== before.billed) patch.billed = after.billed;
  const minutes = typeof after.billedMinutes === 'number' ? after.billedMinutes : Number.parseInt(after.billedMinutes, 10) || 0;
  if (minutes !== before.billedMinutes) patch.billedMinutes = minutes;
  const custom = Object.fromEntries(Object.entries(after.customFields).filter(([key, value]) => value !== before.customFields[key]));
  if (Object.keys(custom).length > 0) patch.customFields = custom;
  return patch;
}

/** Status, classification, assignment, due date, billing and custom values of a ticket (T-5, T-7, T-8). */
export function TicketPropertiesCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation(['console', 'common']);
  const me = useTechnician();
  const statuses = useTicketStatuses();
  const customFields = useCustomFields();
  const fields = customFields.data?.items ?? [];
  const update = useUpdateTicket(ticket.id);
  const initial = toValues(ticket, fields.map((field) => field.key));
  const form = useForm<Values>({ initialValues: initial });

  const submit = form.onSubmit(async (values) => {
    const patch = diff(initial, values);
    if (Object.keys(patch).length === 0) return;
    try {
      await update.mutateAsync(patch);
      notifySuccess(t('tickets.detail.saved', { number: ticket.number }));
    } catch {
      // Shown by FormError.
    }
  });

  const statusOptions = (statuses.data?.items ?? [ticket.status]).map((s) => ({ value: s.key, label: statusLabel(s) }));

  return (
    <SectionCard title={t('tickets.detail.propertiesTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Select label={t('common:tickets.fields.status')} data={statusOptions} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps('status')} />
          <Select label={t('common:tickets.fields.priority')} data={priorityOptions()} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps('priority')} />
          <Select label={t('common:tickets.fields.type')} data={typeOptions()} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps('type')} />
          <Select label={t('common:tickets.fields.impact')} data={impactOptions()} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps('impact')} />
          {me.isAdmin ? (
            <AssigneeSelect label={t('common:tickets.fields.assignee')} placeholder={t('common:tickets.unassigned')} clearable current={ticket.assignee} {...form.getInputProps('assigneeId')} />
          ) : (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('common:tickets.fields.assignee')}
              </Text>
              <Text size="sm" c={ticket.assignee ? undefined : 'dimmed'}>
                {ticket.assignee?.name ?? t('common:tickets.unassigned')}
              </Text>
              {ticket.assignee?.id !== me.id && (
                <Group>
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconUserCheck size={14} aria-hidden />}
                    loading={update.isPending && update.variables?.assigneeId === me.id}
                    onClick={() =>
                      update
                        .mutateAsync({ assigneeId: me.id })
                        .then(() => notifySuccess(t('tickets.detail.assignedToMe')))
                        .catch(() => undefined)
                    }
                  >
                    {t('tickets.detail.assignToMe')}
                  </Button>
                </Group>
              )}
            </Stack>
          )}
          <TextInput type="datetime-local" label={t('common:tickets.fields.dueDate')} {...form.getInputProps('dueAt')} />
          <Switch label={t('tickets.detail.billed')} description={t('tickets.detail.billedDescription')} {...form.getInputProps('billed', { type: 'checkbox' })} />
          {form.values.billed && (
            <NumberInput label={t('tickets.detail.billedMinutes')} min={0} max={100_000} allowDecimal={false} allowNegative={false} {...form.getInputProps('billedMinutes')} />
          )}
          {fields.map((field) => (
            <CustomFieldInput
              key={field.key}
              field={field}
              value={form.values.customFields[field.key]}
              onChange={(value) => form.setFieldValue(`customFields.${field.key}`, value)}
            />
          ))}
          <FormError error={update.error} />
          <Group>
            <Button type="submit" loading={update.isPending && update.variables?.assigneeId !== me.id} disabled={!form.isDirty()}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
