import { Button, Group, MultiSelect, Stack } from '@mantine/core';
import type { DeviceDetail } from '@porta/contracts/devices';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { notifySuccess } from '../../../lib/notify';
import { useContacts } from '../../contacts/api';
import { useAssignContacts } from '../api';

/** SS-2: who may act on this device from the portal: contacts of the device's customer. */
export function AssignContacts({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation(['devices', 'common']);
  const [value, setValue] = useState(device.contacts.map((c) => c.id));
  const contacts = useContacts({ customerId: device.customerId, page: 1, pageSize: 100 });
  const save = useAssignContacts(device.id);
  const options = new Map(device.contacts.map((c) => [c.id, c.name]));
  for (const c of contacts.data?.items ?? []) options.set(c.id, `${c.firstName} ${c.lastName}`);
  return (
    <Stack gap="sm">
      <MultiSelect
        label={t('detail.contactsLabel')}
        data={[...options].map(([id, name]) => ({ value: id, label: name }))}
        value={value}
        onChange={setValue}
        searchable
        disabled={Boolean(device.revokedAt)}
        nothingFoundMessage={t('detail.noContacts')}
      />
      <FormError error={save.error} />
      <Group>
        <Button
          disabled={Boolean(device.revokedAt)}
          loading={save.isPending}
          onClick={() => save.mutate(value, { onSuccess: () => notifySuccess(t('detail.contactsSaved')) })}
        >
          {t('common:actions.save')}
        </Button>
      </Group>
    </Stack>
  );
}
