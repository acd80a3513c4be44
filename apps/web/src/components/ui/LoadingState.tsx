import { Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface LoadingStateProps {
  /** Fill the viewport (while a whole area loads) instead of a section. */
  fullPage?: boolean;
  label?: string;
}

export function LoadingState({ fullPage = false, label }: LoadingStateProps) {
  const { t } = useTranslation();
  return (
    <Center mih={fullPage ? '100vh' : 160} role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden />
        <Text size="sm" c="dimmed">
          {label ?? t('states.loading')}
        </Text>
      </Stack>
    </Center>
  );
}
