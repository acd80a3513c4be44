import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface SectionCardProps {
  title: ReactNode;
  description?: ReactNode;
  /** Shown at the right of the title (badge, button). */
  aside?: ReactNode;
  children: ReactNode;
  /** Red border for destructive sections. */
  danger?: boolean;
}

/** A titled card grouping one topic of a page. */
export function SectionCard({ title, description, aside, children, danger = false }: SectionCardProps) {
  return (
    <Paper component="section" withBorder radius="md" p={{ base: 'md', sm: 'lg' }} style={danger ? { borderColor: 'var(--mantine-color-red-3)' } : undefined}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ flex: '1 1 12rem', minWidth: 0 }}>
            <Title order={2} size="h4">
              {title}
            </Title>
            {description && (
              <Text size="sm" c="dimmed">
                {description}
              </Text>
            )}
          </Stack>
          {aside}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
