import { Button, Menu } from '@mantine/core';
import type { PortalDevice } from '@porta/contracts/devices';
import type { SelfServiceAction } from '@porta/contracts/self-service';
import { IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeviceSoftware } from '../api';
import { ActionFlowModal } from './ActionFlowModal';

const BASIC: SelfServiceAction[] = ['restart', 'lock', 'shutdown', 'logout', 'reset-password'];

/** Issue 12 item 9: the self-service actions of one device; "Install software" only where the catalogue offers some. */
export function DeviceActionsMenu({ device }: { device: PortalDevice }) {
  const { t } = useTranslation('devices');
  const [action, setAction] = useState<SelfServiceAction | null>(null);
  const software = useDeviceSoftware(device.id, true);
  const actions = software.data && software.data.items.length > 0 ? [...BASIC, 'install-software' as const] : BASIC;
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="light" size="xs" rightSection={<IconChevronDown size={14} aria-hidden />} aria-label={t('selfService.menuLabel', { device: device.hostname })}>
            {t('selfService.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {actions.map((a) => (
            <Menu.Item key={a} onClick={() => setAction(a)}>
              {t(`actions.${a}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {action ? <ActionFlowModal device={device} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}
