import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function DomainBadges({ domains, max = 3 }: { domains: string[]; max?: number }) {
  const { t } = useTranslation(['console', 'common']);
  if (domains.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('customers.noDomains')}
      </Text>
    );
  }
  const shown = domains.slice(0, max);
  return (
    <Group gap={4}>
      {shown.map((domain) => (
        <Badge key={domain} variant="light" color="gray" tt="none" fw={500}>
          {domain}
        </Badge>
      ))}
      {domains.length > max && (
        <Badge variant="outline" color="gray" tt="none">
          {t('customers.moreDomains', { count: domains.length - max })}
        </Badge>
      )}
    </Group>
  );
}
