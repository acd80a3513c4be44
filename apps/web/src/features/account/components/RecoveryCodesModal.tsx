import { Alert, Button, CopyButton, Group, SimpleGrid, Code, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRetained } from '../../../lib/use-retained';
import { AppModal } from '../../../components/ui/AppModal';

interface RecoveryCodesModalProps {
  codes: string[] | null;
  onClose: () => void;
}

/** Shows the recovery codes once, right after the authenticator is turned on. */
export function RecoveryCodesModal({ codes: current, onClose }: RecoveryCodesModalProps) {
  const codes = useRetained(current);
  const { t } = useTranslation(['console', 'common']);
  return (
    <AppModal
      opened={current !== null}
      onClose={onClose}
      title={t('account.recovery.title')}
      centered
      closeOnClickOutside={false}
      size="md"
    >
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {t('account.recovery.warning')}
        </Alert>
        <SimpleGrid cols={2} spacing="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('account.recovery.title')}>
          {(codes ?? []).map((code) => (
            <li key={code}>
              <Code block fz="sm" ta="center">
                {code}
              </Code>
            </li>
          ))}
        </SimpleGrid>
        <Group justify="space-between" gap="sm">
          <CopyButton value={(codes ?? []).join('\n')}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                onClick={copy}
              >
                {copied ? t('common:actions.copied') : t('account.recovery.copyAll')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('account.recovery.done')}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
