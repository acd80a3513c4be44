import { Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { CustomDomain } from '@porta/contracts/custom-domains';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { CopyValue } from '../../../components/ui/CopyValue';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useAddCustomDomain, useCheckCustomDomain, useCustomDomains, useRemoveCustomDomain } from '../api';

const STATE_COLOR: Record<CustomDomain['state'], string> = { pending: 'gray', verified: 'green', failed: 'red' };

/** D-2: Admin > Customer portal > Custom domain: add, see the CNAME to create, check now, remove. */
export function CustomDomainsCard() {
  const { t } = useTranslation(['console', 'common']);
  const domains = useCustomDomains();
  const add = useAddCustomDomain();
  const [name, setName] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    add.mutate(name.trim(), { onSuccess: () => setName('') });
  };

  return (
    <SectionCard title={t('customDomains.title')} description={t('customDomains.description')}>
      {domains.isPending ? (
        <LoadingState />
      ) : domains.isError ? (
        <ErrorState error={domains.error} onRetry={() => void domains.refetch()} />
      ) : (
        <Stack gap="md">
          <CopyValue label={t('customDomains.generatedHost')} value={domains.data.target} testId="custom-domain-generated-host" wrap />
          {domains.data.domains.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('customDomains.empty')}
            </Text>
          ) : (
            domains.data.domains.map((domain) => <DomainRow key={domain.id} domain={domain} />)
          )}
          <form onSubmit={submit} noValidate>
            <Stack gap="xs" maw={520}>
              <TextInput
                label={t('customDomains.nameLabel')}
                description={t('customDomains.nameHint')}
                placeholder="help.example.com"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
              />
              <FormError error={add.error} />
              <Group>
                <Button type="submit" loading={add.isPending} disabled={name.trim() === ''}>
                  {t('customDomains.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      )}
    </SectionCard>
  );
}

function DomainRow({ domain }: { domain: CustomDomain }) {
  const { t } = useTranslation(['console', 'common']);
  const check = useCheckCustomDomain();
  const remove = useRemoveCustomDomain();
  const [confirming, setConfirming] = useState(false);
  return (
    <Paper withBorder p="md" radius="md" data-testid="custom-domain" role="group" aria-label={domain.name}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{domain.name}</Text>
          <Badge color={STATE_COLOR[domain.state]} variant="light" data-testid="custom-domain-state">
            {t(`customDomains.state.${domain.state}`)}
          </Badge>
        </Group>
        {domain.failureReason && (
          <Text size="sm" c={domain.state === 'failed' ? 'red.9' : 'orange.9'} role="status">
            {t(`customDomains.reason.${domain.failureReason}`)}
          </Text>
        )}
        {domain.state !== 'verified' && (
          <Text size="sm">{t('customDomains.instructions')}</Text>
        )}
        <Stack gap="xs">
          <CopyValue label={t('customDomains.recordName')} value={domain.record.name} wrap />
          <CopyValue label={t('customDomains.recordType')} value={domain.record.type} wrap />
          <CopyValue label={t('customDomains.recordTarget')} value={domain.record.target} testId="custom-domain-target" wrap />
        </Stack>
        <FormError error={check.error ?? remove.error} />
        <Group>
          <Button
            variant="default"
            loading={check.isPending}
            onClick={() => check.mutate(domain.id, { onSuccess: (d) => d.state === 'verified' && notifySuccess(t('customDomains.verified', { name: d.name })) })}
          >
            {t('customDomains.checkNow')}
          </Button>
          <Button variant="default" onClick={() => setConfirming(true)}>
            {t('customDomains.remove')}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('customDomains.removeTitle', { name: domain.name })}
        confirmLabel={t('customDomains.remove')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate(domain.id, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      >
        {t('customDomains.removeText')}
      </ConfirmModal>
    </Paper>
  );
}
