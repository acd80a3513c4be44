import { Anchor, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { DetailError } from '../../../components/ui/DetailError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { Markdown } from '../../../components/ui/Markdown';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useTechnician } from '../../console-auth/technician-context';
import { useCustomFields } from '../../ticket-settings/api';
import { AttachmentsCard } from '../../tickets/components/AttachmentsCard';
import { CommentList } from '../../tickets/components/CommentList';
import { BilledBadge, StatusBadge } from '../../tickets/components/TicketBadges';
import { useTicketEvents } from '../../tickets/use-live-events';
import { CONSOLE_TICKET_EVENTS, refreshTicket, useTicket, useUploadAttachment } from '../api';
import { CommentComposer } from '../components/CommentComposer';
import { EditTicketModal } from '../components/EditTicketModal';
import { TicketPropertiesCard } from '../components/TicketPropertiesCard';

/** T-8: one ticket for technicians: conversation with internal notes, properties, requester and files. */
export function TicketDetailPage() {
  const { t } = useTranslation(['console', 'common']);
  const { id = '' } = useParams();
  const me = useTechnician();
  const detail = useTicket(id);
  const customFields = useCustomFields();
  const upload = useUploadAttachment(id);
  const [editing, setEditing] = useState(false);
  useTicketEvents(detail.isSuccess ? CONSOLE_TICKET_EVENTS : null, (event) => {
    if (!event || event.ticketId === id) void refreshTicket(id);
  });
  const back = <BackLink to="/console/tickets" label={t('tickets.detail.back')} />;

  if (detail.isPending) return <LoadingState />;
  if (detail.isError) {
    return <DetailError error={detail.error} back={{ to: '/console/tickets', label: t('tickets.detail.back') }} title={t('tickets.detail.errorTitle')} onRetry={() => void detail.refetch()} />;
  }

  const ticket = detail.data;
  const propertiesKey = JSON.stringify([
    ticket.status.key,
    ticket.priority,
    ticket.type,
    ticket.impact,
    ticket.assignee?.id,
    ticket.dueAt,
    ticket.billed,
    ticket.billedMinutes,
    ticket.customFields,
    customFields.data?.items.length,
  ]);

  return (
    <Stack gap="lg">
      <PageHeader
        above={back}
        documentTitle={`#${ticket.number} ${ticket.subject}`}
        title={ticket.subject}
        description={
          <Group component="span" gap="xs" wrap="wrap">
            <StatusBadge status={ticket.status} />
            {ticket.billed && <BilledBadge />}
            <Text component="span" size="sm" c="dimmed">
              {t('tickets.detail.meta', { number: ticket.number, date: formatDateTime(ticket.createdAt) })}
            </Text>
          </Group>
        }
        actions={
          <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
            {t('common:actions.edit')}
          </Button>
        }
      />
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
                  <CommentList comments={ticket.comments} me={{ kind: 'technician', id: me.id }} area="console" />
                )}
              </div>
              <CommentComposer ticketId={ticket.id} requesterName={ticket.requester.name} />
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <SectionCard title={t('tickets.detail.requesterTitle')}>
              <Stack gap="xs">
                <Stack gap={0}>
                  <Anchor component={Link} to={`/console/contacts/${ticket.requester.id}`} fw={600}>
                    {ticket.requester.name}
                  </Anchor>
                  <Anchor href={`mailto:${ticket.requester.email}`} size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {ticket.requester.email}
                  </Anchor>
                </Stack>
                <Stack gap={0}>
                  <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                    {t('common:tickets.fields.customer')}
                  </Text>
                  <Anchor component={Link} to={`/console/customers/${ticket.customer.id}`} size="sm">
                    {ticket.customer.name}
                  </Anchor>
                </Stack>
                <Text size="xs" c="dimmed">
                  {t('tickets.detail.updated', { date: formatDateTime(ticket.updatedAt) })}
                </Text>
              </Stack>
            </SectionCard>
            <TicketPropertiesCard key={propertiesKey} ticket={ticket} />
            <AttachmentsCard
              attachments={ticket.attachments}
              note={t('tickets.detail.attachmentsNote')}
              onUpload={(file) => upload.mutate(file, { onSuccess: (a) => notifySuccess(t('common:tickets.attachments.uploaded', { name: a.filename })) })}
              uploading={upload.isPending}
              error={upload.error}
            />
          </Stack>
        </Grid.Col>
      </Grid>
      <EditTicketModal key={`${ticket.subject}\n${ticket.description}`} ticket={ticket} opened={editing} onClose={() => setEditing(false)} />
    </Stack>
  );
}
