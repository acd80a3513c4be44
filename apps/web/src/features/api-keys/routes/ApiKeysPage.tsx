import { Badge, Button, Code, Text } from '@mantine/core';
import type { ApiKey } from '@porta/contracts/api-keys';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { RowActions } from '../../../components/ui/RowActions';
import { formatDate, formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useApiKeys, useRevokeApiKey } from '../api';
import { ApiKeySecretModal } from '../components/ApiKeySecretModal';
import { CreateApiKeyModal } from '../components/CreateApiKeyModal';
import { useRetained } from '../../../lib/use-retained';

export function ApiKeysPage() {
  const { t } = useTranslation(['console', 'common']);
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const shownRevoke = useRetained(revoking);

  const columns: Column<ApiKey>[] = [
    { key: 'name', header: t('apiKeys.list.columns.name'), render: (key) => <Text size="sm" fw={600}>{key.name}</Text> },
    {
      key: 'scope',
      header: t('apiKeys.list.columns.scope'),
      render: (key) => (
        <Badge variant="light" color={key.scope === 'write' ? 'orange' : 'blue'}>
          {t(`apiKeys.scopes.${key.scope}`)}
        </Badge>
      ),
    },
    { key: 'prefix', header: t('apiKeys.list.columns.prefix'), render: (key) => <Code>{key.prefix}…</Code>, visibleFrom: 'sm' },
    { key: 'created', header: t('apiKeys.list.columns.created'), render: (key) => <Text size="sm">{formatDate(key.createdAt)}</Text>, visibleFrom: 'md' },
    {
      key: 'lastUsed',
      header: t('apiKeys.list.columns.lastUsed'),
      render: (key) => <Text size="sm" c="dimmed">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t('apiKeys.list.never')}</Text>,
      visibleFrom: 'md',
    },
    {
      key: 'status',
      header: t('apiKeys.list.columns.status'),
      render: (key) =>
        key.revokedAt ? (
          <Badge variant="light" color="gray">
            {t('apiKeys.list.revoked')}
          </Badge>
        ) : (
          <Badge variant="light" color="teal">
            {t('apiKeys.list.active')}
          </Badge>
        ),
    },
  ];

  const newButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {t('apiKeys.list.new')}
    </Button>
  );

  const closeRevoke = () => {
    revoke.reset();
    setRevoking(null);
  };

  return (
    <>
      <PageHeader title={t('apiKeys.list.title')} description={t('apiKeys.list.description')} actions={newButton} />
      <DataTable
        caption={t('apiKeys.list.title')}
        columns={columns}
        rowKey={(key) => key.id}
        data={keys.data}
        isLoading={keys.isPending}
        error={keys.error}
        onRetry={() => void keys.refetch()}
        minWidth={320}
        empty={{ icon: <IconKey size={28} aria-hidden />, title: t('apiKeys.list.emptyTitle'), description: t('apiKeys.list.emptyText'), action: newButton }}
        rowActions={(key) => (
          <RowActions
            subject={key.name}
            actions={[{ label: t('apiKeys.revoke.action'), icon: <IconTrash size={16} aria-hidden />, onClick: () => setRevoking(key), danger: true, hidden: key.revokedAt !== null }]}
          />
        )}
      />
      <CreateApiKeyModal opened={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <ApiKeySecretModal created={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={revoking !== null}
        title={t('apiKeys.revoke.title')}
        confirmLabel={t('apiKeys.revoke.confirm')}
        danger
        loading={revoke.isPending}
        error={revoke.error}
        onClose={closeRevoke}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifySuccess(t('apiKeys.revoke.done', { name: revoking.name }));
              closeRevoke();
            },
          });
        }}
      >
        {t('apiKeys.revoke.text', { name: shownRevoke?.name ?? '' })}
      </ConfirmModal>
    </>
  );
}
