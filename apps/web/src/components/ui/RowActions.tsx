import { ActionIcon, Menu } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DANGER_MENU_COLOR } from '../../app/theme';

export interface RowAction {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  danger?: boolean;
  hidden?: boolean;
}

/** The "…" menu at the end of a table row. `subject` names the row for screen readers. */
export function RowActions({ subject, actions }: { subject: string; actions: RowAction[] }) {
  const { t } = useTranslation();
  const visible = actions.filter((action) => !action.hidden);
  if (visible.length === 0) return null;
  return (
    <Menu position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('actions.moreActionsFor', { name: subject })}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {visible.map((action) => (
          <Menu.Item key={action.label} leftSection={action.icon} color={action.danger ? DANGER_MENU_COLOR : undefined} onClick={action.onClick}>
            {action.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
