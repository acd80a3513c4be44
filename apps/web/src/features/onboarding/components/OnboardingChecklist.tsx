import { Anchor, Button, CopyButton, Group, List, Loader, Paper, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { OnboardingStep } from '@porta/contracts/onboarding';
import { IconCircleCheck, IconCircleDashed, IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ui/ErrorState';
import { useOnboarding, useSharePortalAddress } from '../api';

/** Where each step is done. */
const LINKS: Record<Exclude<OnboardingStep, 'portalAddress'>, string> = {
  mail: '/console/settings/mail',
  customer: '/console/customers',
  contact: '/console/contacts/new',
  kbArticle: '/console/kb/new',
};

function PortalAddressActions({ url }: { url: string }) {
  const { t } = useTranslation('console');
  const share = useSharePortalAddress();
  return (
    <Group gap="xs" mt={4}>
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconCopy size={14} aria-hidden />}
            onClick={() => {
              copy();
              share.mutate();
            }}
          >
            {copied ? t('onboarding.portalAddress.copied') : t('onboarding.portalAddress.copy')}
          </Button>
        )}
      </CopyButton>
      <Button
        size="xs"
        variant="subtle"
        component="a"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        rightSection={<IconExternalLink size={14} aria-hidden />}
        onClick={() => share.mutate()}
      >
        {t('onboarding.portalAddress.open')}
      </Button>
    </Group>
  );
}

/**
 * Issue 9 item 5: the console home's first-run checklist (mail, first customer, first contact,
 * first KB article, portal address). Each step links to where it is done; the whole card is
 * gone once every step is.
 */
export function OnboardingChecklist() {
  const { t } = useTranslation('console');
  const titleId = useId();
  const onboarding = useOnboarding();

  if (onboarding.isPending) {
    return (
      <Paper withBorder radius="md" p="md" aria-busy="true">
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('onboarding.loading')}
          </Text>
        </Group>
      </Paper>
    );
  }
  if (onboarding.isError) return <ErrorState error={onboarding.error} title={t('onboarding.error')} onRetry={() => void onboarding.refetch()} />;
  const { steps, complete, portalUrl } = onboarding.data;
  if (complete) return null;
  const done = steps.filter((s) => s.done).length;

  return (
    <Paper component="section" withBorder radius="md" p={{ base: 'md', sm: 'lg' }} aria-labelledby={titleId} data-testid="onboarding-checklist">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title id={titleId} order={2} size="h4">
            {t('onboarding.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('onboarding.description')}
          </Text>
        </Stack>
        <Progress.Root size="sm">
          <Progress.Section value={(done / steps.length) * 100} aria-label={t('onboarding.progress', { done, total: steps.length })} />
        </Progress.Root>
        <Text size="xs" c="dimmed">
          {t('onboarding.progress', { done, total: steps.length })}
        </Text>
        <List spacing="sm" listStyleType="none" styles={{ itemWrapper: { alignItems: 'flex-start' } }}>
          {steps.map((step) => (
            <List.Item
              key={step.key}
              data-testid={`onboarding-${step.key}`}
              data-done={step.done}
              icon={
                <ThemeIcon size={22} radius="xl" variant="light" color={step.done ? 'teal' : 'gray'}>
                  {step.done ? <IconCircleCheck size={16} aria-hidden /> : <IconCircleDashed size={16} aria-hidden />}
                </ThemeIcon>
              }
            >
              <Stack gap={0}>
                <Text size="sm" fw={500} td={step.done ? 'line-through' : undefined}>
                  {step.key === 'portalAddress' || step.done ? (
                    t(`onboarding.steps.${step.key}.title`)
                  ) : (
                    <Anchor component={Link} to={LINKS[step.key]} inherit>
                      {t(`onboarding.steps.${step.key}.title`)}
                    </Anchor>
                  )}
                  <Text span size="xs" c="dimmed" ml={6}>
                    {step.done ? t('onboarding.done') : t('onboarding.todo')}
                  </Text>
                </Text>
                {!step.done && (
                  <Text size="xs" c="dimmed">
                    {t(`onboarding.steps.${step.key}.hint`)}
                  </Text>
                )}
                {step.key === 'portalAddress' && !step.done && <PortalAddressActions url={portalUrl} />}
              </Stack>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
