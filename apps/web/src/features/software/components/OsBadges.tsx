import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The operating systems a package installs on. */
export function OsBadges({ os }: { os: readonly ('windows' | 'macos')[] }) {
  const { t } = useTranslation('devices');
  return (
    <Group gap={4} wrap="wrap">
      {os.map((name) => (
        <Badge key={name} variant="light" color={name === 'windows' ? 'blue' : 'gray'}>
          {t(`os.${name}`)}
        </Badge>
      ))}
    </Group>
  );
}
