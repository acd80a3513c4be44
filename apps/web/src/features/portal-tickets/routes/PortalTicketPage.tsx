import { Alert, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconLock, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { DetailError } from '../../../components/ui/DetailError';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { Markdown } from '../../../components/ui/Markdown';
import { MarkdownEditor } from '../../../components/ui/MarkdownEditor';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useContact } from '../../portal-auth/contact-context';
import { AttachmentsCard } from '../../tickets/components/AttachmentsCard';
import { CommentList } from '../../tickets/components/CommentList';
import { StatusBadge } from '../../tickets/components/TicketBadges';
import { useTicketEvents } from '../../tickets/use-live-events';
import { portalTicketPath, refreshPortalRules, refreshPortalTicket, usePortalComment, usePortalTicket, usePortalTicketForm, usePortalUpload, useUpdatePortalTicket } from '../api';
import { PortalTicketDetails } from '../components/PortalTicketDetails';

/** T-1, T-4, T-5, T-10: one ticket, its conversation and files, kept up to date live. */
export function PortalTicketPage() {
  const { t } = useTranslation(['portal', 'common', 'errors']);
  const { id = '' } = useParams();
  const me = useContact();
  const detail = usePortalTicket(id);
  const ticketForm = usePortalTicketForm();
  const update = useUpdatePortalTicket(id);
  const comment = usePortalComment(id);
  const upload = usePortalUpload(id);
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState<string | null>(null);
  useTicketEvents(detail.isSuccess ? `${portalTicketPath(id)}/events` : null, (event) => {
    // A reconnection may have missed a `portal.changed` too.
    void (event === null || event.topic === 'portal.changed' ? refreshPortalRules() : refreshPortalTicket(id));
  });
  const back = <BackLink to="/tickets" label={t('tickets.detail.back')} />;

  if (detail.isPending) return <LoadingState />;
  if (detail.isError) {
    return <DetailError error={detail.error} back={{ to: '/tickets', label: t('tickets.detail.back') }} title={t('tickets.detail.errorTitle')} onRetry={() => void detail.refetch()} />;
  }

  const ticket = detail.data;
  const { permissions } = ticket;
  const closed = ticket.status.category === 'closed';
  const billed = permissions.readOnlyReason === 'billed';

  const changeStatus = (status: 'resolved' | 'open') => {
    update.mutate(
      { status },
      { onSuccess: () => notifySuccess(status === 'resolved' ? t('tickets.detail.resolvedNotice') : t('tickets.detail.reopenedNotice')) },
    );
  };

  const sendReply = async () => {
    if (!reply.trim()) {
      setReplyError(t('common:validation.required'));
      return;
    }
    setReplyError(null);
    try {
      await comment.mutateAsync(reply);
      setReply('');
      notifySuccess(t('tickets.detail.replySent'));
    } catch {
      // Shown by FormError.
    }
  };

  const actions = (
    <>
      {permissions.canResolve && (
        <Button leftSection={<IconCheck size={16} aria-hidden />} loading={update.isPending && update.variables?.status === 'resolved'} onClick={() => changeStatus('resolved')}>
          {t('tickets.detail.resolve')}
        </Button>
      )}
      {permissions.canReopen && (
        <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} loading={update.isPending && update.variables?.status === 'open'} onClick={() => changeStatus('open')}>
          {t('tickets.detail.reopen')}
        </Button>
      )}
    </>
  );
  const statusError = update.variables?.status ? update.error : null;

  return (
    <Stack gap="lg">
      <PageHeader
        above={back}
        documentTitle={`#${ticket.number} ${ticket.subject}`}
        title={ticket.subject}
        description={
          <Group component="span" gap="xs" wrap="wrap">
            <StatusBadge status={ticket.status} />
            <Text component="span" size="sm" c="dimmed">
              {t('tickets.detail.meta', { number: ticket.number, date: formatDateTime(ticket.createdAt), name: ticket.requester.name })}
            </Text>
          </Group>
        }
        actions={permissions.canResolve || permissions.canReopen ? actions : undefined}
      />
      {billed && (
        <Alert color="grape" variant="light" icon={<IconLock size={18} aria-hidden />} title={t('tickets.detail.billedTitle')} data-testid="billed-banner">
          {t('errors:TICKET_BILLED')}
        </Alert>
      )}
      <FormError error={statusError} />
      {closed && !billed && !permissions.canReopen && (
        <Alert color="gray" variant="light">
          {t('tickets.detail.noReopen')}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <SectionCard title={t('common:tickets.fields.description')}>
              {ticket.description.trim() ? (
                <Markdown source={ticket.description} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('tickets.detail.noDescription')}
                </Text>
              )}
            </SectionCard>
            <SectionCard title={t('common:tickets.comments.title')} description={t('common:tickets.live')}>
              <div aria-live="polite">
                {ticket.comments.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('common:tickets.comments.empty')}
                  </Text>
                ) : (
                  <CommentList comments={ticket.comments} me={{ kind: 'contact', id: me.id }} area="portal" />
                )}
              </div>
              {permissions.canComment ? (
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    void sendReply();
                  }}
                  noValidate
                >
                  <Stack gap="sm">
                    <MarkdownEditor
                      label={t('tickets.detail.replyLabel')}
                      value={reply}
                      onChange={setReply}
                      error={replyError}
                      placeholder={t('tickets.detail.replyPlaceholder')}
                      description={closed && permissions.canReopen ? t('tickets.detail.replyReopens') : undefined}
                      minRows={3}
                    />
                    <FormError error={comment.error} />
                    <Group>
                      <Button type="submit" loading={comment.isPending}>
                        {t('tickets.detail.sendReply')}
                      </Button>
                    </Group>
                  </Stack>
                </form>
              ) : null}
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <PortalTicketDetails
              key={JSON.stringify([
                ticket.priority,
                ticket.type,
                ticket.impact,
                ticket.assignee?.id,
                ticket.dueAt,
                ticket.customFields,
                ticket.permissions.editable,
                ticketForm.data?.fields.map((field) => [field.key, field.visibility]),
              ])}
              ticket={ticket}
              form={ticketForm.data}
            />
            <AttachmentsCard
              attachments={ticket.attachments}
              onUpload={billed ? undefined : (file) => upload.mutate(file, { onSuccess: (a) => notifySuccess(t('common:tickets.attachments.uploaded', { name: a.filename })) })}
              uploading={upload.isPending}
              error={upload.error}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
