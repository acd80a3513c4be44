import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { PortalTicketDetail, PortalTicketForm } from '@porta/contracts/tickets';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { asCustomField, CustomFieldInput, type CustomValue, useFormatCustomValue } from '../../tickets/components/CustomFieldInput';
import { StatusBadge } from '../../tickets/components/TicketBadges';
import { isoToLocalInput, localInputToIso } from '../../tickets/due-date';
import { impactLabel, impactOptions, priorityLabel, priorityOptions, typeLabel, typeOptions } from '../../tickets/labels';
import { type PortalTicketPatch, useUpdatePortalTicket } from '../api';
import { assigneeIdOf, assigneeValue, PortalAssigneeSelect } from './PortalAssigneeSelect';

interface Values {
  priority: string | null;
  type: string | null;
  impact: string | null;
  /** A technician's id or `UNASSIGNED`. */
  assigneeId: string;
  /** `datetime-local` text; empty for none. */
  dueAt: string;
  customFields: Record<string, CustomValue>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/**
 * The ticket's fields as the contact may see them (hidden ones never arrive, T-6): those in
 * `permissions.editable` can be changed and saved; the others are shown as text.
 */
export function PortalTicketDetails({ ticket, form: ticketForm }: { ticket: PortalTicketDetail; form: PortalTicketForm | undefined }) {
  const { t } = useTranslation(['portal', 'common']);
  const update = useUpdatePortalTicket(ticket.id);
  const formatValue = useFormatCustomValue();
  const editable = new Set(ticket.permissions.editable);
  const customFields = (ticketForm?.fields ?? []).flatMap((field) => (field.kind === 'custom' ? [asCustomField(field)] : [])).filter((field) => field !== null);
  const initialValues: Values = {
    priority: ticket.priority ?? null,
    type: ticket.type ?? null,
    impact: ticket.impact ?? null,
    assigneeId: assigneeValue(ticket.assignee),
    dueAt: isoToLocalInput(ticket.dueAt),
    customFields: Object.fromEntries(customFields.map((field) => [field.key, ticket.customFields[field.key] ?? null])),
  };
  const form = useForm<Values>({ initialValues });

  const submit = form.onSubmit(async (values) => {
    const patch: PortalTicketPatch = {};
    for (const key of ['priority', 'type', 'impact'] as const) {
      const value = values[key];
      if (editable.has(key) && value && value !== initialValues[key]) patch[key] = value;
    }
    if (editable.has('assignee') && values.assigneeId !== initialValues.assigneeId) patch.assigneeId = assigneeIdOf(values.assigneeId);
    if (editable.has('dueDate') && values.dueAt !== initialValues.dueAt) patch.dueAt = localInputToIso(values.dueAt);
    const custom = Object.fromEntries(
      Object.entries(values.customFields).filter(([key, value]) => editable.has(`custom.${key}`) && value !== initialValues.customFields[key]),
    );
    if (Object.keys(custom).length > 0) patch.customFields = custom;
    try {
      await update.mutateAsync(patch);
      notifySuccess(t('tickets.detail.saved'));
    } catch {
      // Shown by FormError below.
    }
  });

  const selects = [
    { key: 'priority' as const, value: ticket.priority, options: priorityOptions, label: (v: NonNullable<PortalTicketDetail['priority']>) => priorityLabel(v) },
    { key: 'type' as const, value: ticket.type, options: typeOptions, label: (v: NonNullable<PortalTicketDetail['type']>) => typeLabel(v) },
    { key: 'impact' as const, value: ticket.impact, options: impactOptions, label: (v: NonNullable<PortalTicketDetail['impact']>) => impactLabel(v) },
  ];
  const anyEditable = editable.size > 0;
  const technicians = ticketForm?.fields.find((field) => field.kind === 'default' && field.key === 'assignee')?.choices ?? [];

  return (
    <SectionCard title={t('tickets.detail.detailsTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Row label={t('common:tickets.fields.status')}>
            <StatusBadge status={ticket.status} />
          </Row>
          {selects.map((select) => {
            if (select.value === undefined) return null;
            const label = t(`common:tickets.fields.${select.key}`);
            if (editable.has(select.key)) {
              return <Select key={select.key} label={label} data={select.options()} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps(select.key)} />;
            }
            return (
              <Row key={select.key} label={label}>
                <Text size="sm">{(select.label as (v: string) => string)(select.value)}</Text>
              </Row>
            );
          })}
          {'assignee' in ticket &&
            (editable.has('assignee') ? (
              <PortalAssigneeSelect label={t('common:tickets.fields.assignee')} choices={technicians} current={ticket.assignee} {...form.getInputProps('assigneeId')} />
            ) : (
              <Row label={t('common:tickets.fields.assignee')}>
                <Text size="sm">{ticket.assignee?.name ?? t('common:tickets.unassigned')}</Text>
              </Row>
            ))}
          {'dueAt' in ticket &&
            (editable.has('dueDate') ? (
              <TextInput type="datetime-local" label={t('common:tickets.fields.dueDate')} {...form.getInputProps('dueAt')} />
            ) : (
              <Row label={t('common:tickets.fields.dueDate')}>
                <Text size="sm">{ticket.dueAt ? formatDateTime(ticket.dueAt) : t('common:tickets.noDueDate')}</Text>
              </Row>
            ))}
          {customFields.map((field) =>
            editable.has(`custom.${field.key}`) ? (
              <CustomFieldInput
                key={field.key}
                field={field}
                value={form.values.customFields[field.key]}
                onChange={(value) => form.setFieldValue(`customFields.${field.key}`, value)}
              />
            ) : (
              <Row key={field.key} label={field.label}>
                <Text size="sm">{formatValue(field, ticket.customFields[field.key])}</Text>
              </Row>
            ),
          )}
          <FormError error={update.error} />
          {anyEditable && (
            <Group>
              <Button type="submit" size="sm" loading={update.isPending} disabled={!form.isDirty()}>
                {t('common:actions.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </SectionCard>
  );
}
