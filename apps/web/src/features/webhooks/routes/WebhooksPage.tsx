import { Anchor, Badge, Button, Stack, Text } from '@mantine/core';
import type { WebhookEndpoint } from '@porta/contracts/webhooks';
import { IconPlayerPause, IconPlayerPlay, IconPlus, IconSend, IconTrash, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { PageHeader } from '../../../components/ui/PageHeader';
import { RowActions } from '../../../components/ui/RowActions';
import { formatDate } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useRetained } from '../../../lib/use-retained';
import { useDeleteWebhook, useUpdateWebhook, useWebhooks } from '../api';
import { CreateWebhookModal } from '../components/CreateWebhookModal';
import { WebhookSecretModal } from '../components/WebhookSecretModal';
import { useSendTestFor } from '../components/use-send-test';

/** Issue 15 item 1 (P-2): the tenant's webhook endpoints (admins). */
export function WebhooksPage() {
  const { t } = useTranslation(['console', 'common']);
  const list = useWebhooks();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const sendTest = useSendTestFor();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const shownDelete = useRetained(deleting);

  const columns: Column<WebhookEndpoint>[] = [
    {
      key: 'url',
      header: t('webhooks.list.columns.url'),
      render: (e) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/console/settings/webhooks/${e.id}`} size="sm" fw={600} style={{ wordBreak: 'break-all' }}>
            {e.url}
          </Anchor>
          {e.description && (
            <Text size="xs" c="dimmed">
              {e.description}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: 'events', header: t('webhooks.list.columns.events'), render: (e) => <Text size="sm">{e.eventTypes.map((type) => t(`webhooks.events.${type}`)).join(', ')}</Text>, visibleFrom: 'md' },
    {
      key: 'status',
      header: t('webhooks.list.columns.status'),
      render: (e) => (
        <Badge variant="light" color={e.enabled ? 'teal' : 'gray'}>
          {e.enabled ? t('webhooks.list.enabled') : t('webhooks.list.disabled')}
        </Badge>
      ),
    },
    { key: 'created', header: t('webhooks.list.columns.created'), render: (e) => <Text size="sm">{formatDate(e.createdAt)}</Text>, visibleFrom: 'sm' },
  ];

  const newButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {t('webhooks.list.new')}
    </Button>
  );

  const toggle = (e: WebhookEndpoint) =>
    update.mutate(
      { id: e.id, enabled: !e.enabled },
      { onSuccess: () => notifySuccess(e.enabled ? t('webhooks.list.disabledDone') : t('webhooks.list.enabledDone')), onError: (err) => notifyError(err.message) },
    );

  const closeDelete = () => {
    remove.reset();
    setDeleting(null);
  };

  return (
    <>
      <PageHeader title={t('webhooks.list.title')} description={t('webhooks.list.description')} actions={newButton} />
      <DataTable
        caption={t('webhooks.list.title')}
        columns={columns}
        rowKey={(e) => e.id}
        data={list.data}
        isLoading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        minWidth={320}
        empty={{ icon: <IconWebhook size={28} aria-hidden />, title: t('webhooks.list.emptyTitle'), description: t('webhooks.list.emptyText'), action: newButton }}
        rowActions={(e) => (
          <RowActions
            subject={e.url}
            actions={[
              { label: t('webhooks.actions.sendTest'), icon: <IconSend size={16} aria-hidden />, onClick: () => sendTest(e.id) },
              e.enabled
                ? { label: t('webhooks.actions.disable'), icon: <IconPlayerPause size={16} aria-hidden />, onClick: () => toggle(e) }
                : { label: t('webhooks.actions.enable'), icon: <IconPlayerPlay size={16} aria-hidden />, onClick: () => toggle(e) },
              { label: t('webhooks.actions.delete'), icon: <IconTrash size={16} aria-hidden />, onClick: () => setDeleting(e), danger: true },
            ]}
          />
        )}
      />
      <CreateWebhookModal opened={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <WebhookSecretModal created={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('webhooks.delete.title')}
        confirmLabel={t('webhooks.delete.confirm')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onClose={closeDelete}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifySuccess(t('webhooks.delete.done'));
              closeDelete();
            },
          });
        }}
      >
        {t('webhooks.delete.text', { url: shownDelete?.url ?? '' })}
      </ConfirmModal>
    </>
  );
}
