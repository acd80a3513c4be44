import { Button, Paper, Stack, Text } from '@mantine/core';
import type { AssistantCard } from '@porta/contracts/assistant';
import { IconDeviceDesktop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type ChooseDeviceData = Extract<AssistantCard, { kind: 'choose-device' }>;

/**
 * The contact has several devices and named none: one button each. A choice is a follow-up
 * message naming the device ("Restart LAPTOP-7"), so the conversation (and its ticket) reads
 * as what the contact asked.
 */
export function ChooseDeviceCard({ card, onSend, disabled }: { card: ChooseDeviceData; onSend: (text: string) => void; disabled: boolean }) {
  const { t } = useTranslation(['chat', 'devices']);
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="xs">
        <Text size="sm" fw={600} component="h3" m={0}>
          {t('chat:chooseDevice.title', { action: t(`devices:actions.${card.action}`) })}
        </Text>
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {card.devices.map((device) => (
            <li key={device.id}>
              <Button
                variant="light"
                fullWidth
                justify="flex-start"
                leftSection={<IconDeviceDesktop size={16} aria-hidden />}
                disabled={disabled}
                onClick={() => onSend(t(`chat:chooseDevice.message.${card.action}`, { device: device.name }))}
                styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
              >
                {device.name}
                <Text span size="xs" c="dimmed" ml={8}>
                  {device.os}
                </Text>
              </Button>
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
