import { Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import type { TicketDetail } from '@porta/contracts/tickets';
import { IconDownload, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { formatDateTime, formatFileSize } from '../../../lib/format';

interface AttachmentsCardProps {
  attachments: TicketDetail['attachments'];
  /** Absent when the person may not add files (e.g. a billed ticket in the portal). */
  onUpload?: (file: File) => void;
  uploading?: boolean;
  error?: unknown;
  note?: string;
}

export function AttachmentsCard({ attachments, onUpload, uploading = false, error, note }: AttachmentsCardProps) {
  const { t } = useTranslation();
  return (
    <SectionCard
      title={t('tickets.attachments.title')}
      description={note}
      aside={
        onUpload && (
          <FileButton onChange={(file) => file && onUpload(file)} disabled={uploading}>
            {(props) => (
              <Button {...props} variant="default" size="xs" loading={uploading} leftSection={<IconUpload size={14} aria-hidden />}>
                {t('tickets.attachments.add')}
              </Button>
            )}
          </FileButton>
        )
      }
    >
      <FormError error={error} />
      {attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tickets.attachments.empty')}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('tickets.attachments.title')}>
          {attachments.map((attachment) => (
            <Group component="li" key={attachment.id} gap="xs" wrap="nowrap" align="flex-start">
              <IconPaperclip size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Anchor href={attachment.url} download={attachment.filename} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {attachment.filename}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatFileSize(attachment.size)} · {formatDateTime(attachment.createdAt)}
                </Text>
              </Stack>
              <IconDownload size={14} aria-hidden style={{ flexShrink: 0, marginTop: 4 }} color="var(--mantine-color-dimmed)" />
            </Group>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
