import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTechnician } from '../../console-auth/technician-context';
import { useAssignableTechnicians } from '../api';

type AssigneeSelectProps = Omit<SelectProps, 'data'> & {
  /** Offer "Unassigned" as a value ('none'), for filters. */
  withNone?: boolean;
  /** The current assignee, listed even when the technicians list is not available. */
  current?: { id: string; name: string } | null;
};

/** Technicians to pick from (admins see everyone; others see themselves and the current assignee). */
export function AssigneeSelect({ withNone = false, current, ...props }: AssigneeSelectProps) {
  const { t } = useTranslation(['console', 'common']);
  const me = useTechnician();
  const technicians = useAssignableTechnicians(me.isAdmin);
  const options = new Map<string, string>();
  if (withNone) options.set('none', t('common:tickets.unassigned'));
  options.set(me.id, t('tickets.assignee.me', { name: me.name }));
  if (current && current.id !== me.id) options.set(current.id, current.name);
  for (const technician of technicians.data?.items ?? []) {
    if (!options.has(technician.id)) options.set(technician.id, technician.name);
  }
  return <Select {...props} data={[...options].map(([value, label]) => ({ value, label }))} searchable comboboxProps={{ withinPortal: true }} />;
}
