import { Alert, Button, Group, Paper, SegmentedControl, Stack } from '@mantine/core';
import { IconLock, IconMessage } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { MarkdownEditor } from '../../../components/ui/MarkdownEditor';
import { notifySuccess } from '../../../lib/notify';
import { useAddComment } from '../api';

/** Public reply (the requester sees it, live) or internal note (technicians only): one box, two clearly different modes. */
export function CommentComposer({ ticketId, requesterName }: { ticketId: string; requesterName: string }) {
  const { t } = useTranslation(['console', 'common']);
  const [mode, setMode] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useAddComment(ticketId);
  const modeLabel = useId();
  const internal = mode === 'internal';

  const send = async () => {
    if (!body.trim()) {
      setError(t('common:validation.required'));
      return;
    }
    setError(null);
    try {
      await add.mutateAsync({ body, internal });
      setBody('');
      notifySuccess(internal ? t('tickets.composer.noteAdded') : t('tickets.composer.replySent'));
    } catch {
      // Shown by FormError.
    }
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      bg={internal ? 'var(--mantine-color-yellow-0)' : undefined}
      style={internal ? { borderColor: 'var(--mantine-color-yellow-5)' } : undefined}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
        noValidate
      >
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t('tickets.composer.modeLabel')}
            id={modeLabel}
            value={mode}
            onChange={(value) => setMode(value === 'internal' ? 'internal' : 'public')}
            color={internal ? 'yellow' : 'indigo'}
            data={[
              { value: 'public', label: t('tickets.composer.public') },
              { value: 'internal', label: t('tickets.composer.internal') },
            ]}
            fullWidth
          />
          <Alert variant="light" color={internal ? 'yellow' : 'indigo'} icon={internal ? <IconLock size={16} aria-hidden /> : <IconMessage size={16} aria-hidden />} p="xs">
            {internal ? t('tickets.composer.internalHint') : t('tickets.composer.publicHint', { name: requesterName })}
          </Alert>
          <MarkdownEditor
            label={internal ? t('tickets.composer.internalLabel') : t('tickets.composer.publicLabel')}
            value={body}
            onChange={setBody}
            error={error}
            minRows={3}
          />
          <FormError error={add.error} />
          <Group>
            <Button type="submit" color={internal ? 'yellow' : undefined} c={internal ? 'dark.8' : undefined} loading={add.isPending} leftSection={internal ? <IconLock size={16} aria-hidden /> : undefined}>
              {internal ? t('tickets.composer.addNote') : t('tickets.composer.sendReply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
