import { Box, Paper, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../../components/ui/Markdown';

interface KbBodyEditorProps {
  title: string;
  body: string;
  onChange: (value: { title: string; body: string }) => void;
  /** The tenant's KB option: the preview shows images exactly as the portal will. */
  images: boolean;
  languageLabel: string;
}

/** One translation: title and Markdown text beside a live preview rendered by the portal's own renderer. */
export function KbBodyEditor({ title, body, onChange, images, languageLabel }: KbBodyEditorProps) {
  const { t } = useTranslation('kb');
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Box>
        <TextInput label={t('editor.titleLabel', { language: languageLabel })} value={title} onChange={(e) => onChange({ title: e.currentTarget.value, body })} required maxLength={200} mb="sm" />
        <Textarea
          label={t('editor.bodyLabel')}
          description={t('editor.bodyHint')}
          value={body}
          onChange={(e) => onChange({ title, body: e.currentTarget.value })}
          autosize
          minRows={14}
          maxRows={30}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        />
      </Box>
      <Box>
        <Text size="sm" fw={500} mb={4} id="kb-preview-label">
          {t('editor.preview')}
        </Text>
        <Paper withBorder p="md" radius="md" mih={200} aria-labelledby="kb-preview-label" data-testid="kb-preview">
          <Text component="h2" fw={700} size="xl" mt={0} mb="sm" style={{ overflowWrap: 'anywhere' }}>
            {title || t('editor.untitled')}
          </Text>
          {body.trim() ? <Markdown source={body} images={images} /> : <Text c="dimmed" size="sm">{t('editor.previewEmpty')}</Text>}
        </Paper>
      </Box>
    </SimpleGrid>
  );
}
