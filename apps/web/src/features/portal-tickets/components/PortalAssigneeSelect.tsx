import { Select, type SelectProps } from '@mantine/core';
import type { PortalTicketForm } from '@porta/contracts/tickets';
import { useTranslation } from 'react-i18next';

/** The select's value for "no technician" (options need a string); sent to the API as null. */
export const UNASSIGNED = 'none';

type Technician = NonNullable<PortalTicketForm['fields'][number]['choices']>[number];

export const assigneeValue = (assignee: { id: string } | null | undefined): string => assignee?.id ?? UNASSIGNED;
export const assigneeIdOf = (value: string | null): string | null => (value === null || value === UNASSIGNED ? null : value);

/** T-6: "Unassigned" and the technicians the ticket form offers (it does only while the contact may set the assignee). */
export function PortalAssigneeSelect({ choices, current, ...props }: Omit<SelectProps, 'data'> & { choices: Technician[]; current?: Technician | null | undefined }) {
  const { t } = useTranslation('common');
  const options = new Map<string, string>([[UNASSIGNED, t('tickets.unassigned')]]);
  for (const technician of choices) options.set(technician.id, technician.name);
  // The current assignee stays listed even if the form no longer offers them.
  if (current && !options.has(current.id)) options.set(current.id, current.name);
  return (
    <Select
      {...props}
      data={[...options].map(([value, label]) => ({ value, label }))}
      allowDeselect={false}
      searchable={options.size > 8}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
