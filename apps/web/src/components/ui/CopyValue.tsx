import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface CopyValueProps {
  label: string;
  value: string;
  /** Long secrets wrap; short values stay on one line. */
  wrap?: boolean;
  testId?: string;
}

/** A labelled read-only value (credential, secret) with a copy-to-clipboard button. */
export function CopyValue({ label, value, wrap = false, testId }: CopyValueProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Stack gap={4}>
      <Text id={id} size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code
          aria-labelledby={id}
          data-testid={testId}
          fz="sm"
          px="sm"
          py={6}
          style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere', whiteSpace: wrap ? 'pre-wrap' : 'nowrap', overflowX: 'auto' }}
        >
          {value}
        </Code>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('actions.copied') : t('actions.copy')} withArrow position="left">
              <ActionIcon
                color={copied ? 'teal' : 'gray'}
                variant="subtle"
                size="lg"
                onClick={copy}
                aria-label={t('actions.copyLabel', { label })}
              >
                {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
