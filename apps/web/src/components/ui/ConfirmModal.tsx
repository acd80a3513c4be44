import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from './FormError';
import { AppModal } from './AppModal';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Red confirm button for destructive actions. */
  danger?: boolean;
  loading?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before doing something that cannot be undone; shows the server's refusal inline. */
export function ConfirmModal({ opened, title, children, confirmLabel, danger = false, loading, error, onConfirm, onClose }: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="md">
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        <FormError error={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={loading}>
            {t('actions.cancel')}
          </Button>
          {/* red.9: white on Mantine's red-6/7 is below 4.5:1 (axe color-contrast). */}
          <Button color={danger ? 'red.9' : undefined} loading={loading} onClick={onConfirm} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

type ConfirmDeleteModalProps = Omit<ConfirmModalProps, 'confirmLabel' | 'danger'> & { confirmLabel?: string };

/** ConfirmModal preset for deletions. */
export function ConfirmDeleteModal({ confirmLabel, ...props }: ConfirmDeleteModalProps) {
  const { t } = useTranslation();
  return <ConfirmModal {...props} danger confirmLabel={confirmLabel ?? t('actions.delete')} />;
}
