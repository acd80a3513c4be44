import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { AppModal } from './AppModal';
import { CopyValue } from './CopyValue';

interface SecretOnceModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** Why this is the only chance to copy it. */
  warning: ReactNode;
  label: string;
  secret: string;
  doneLabel: string;
  testId: string;
}

/** A secret the server keeps only hashed or sealed (an API key, a webhook's signing secret): shown this once, with a copy button. */
export function SecretOnceModal({ opened, onClose, title, warning, label, secret, doneLabel, testId }: SecretOnceModalProps) {
  return (
    <AppModal opened={opened} onClose={onClose} title={title} centered closeOnClickOutside={false} size="lg">
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {warning}
        </Alert>
        <CopyValue label={label} value={secret} wrap testId={testId} />
        <Group justify="flex-end">
          <Button onClick={onClose}>{doneLabel}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
