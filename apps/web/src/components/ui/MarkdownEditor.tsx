import { Box, Tabs, Text, Textarea, type TextareaProps } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from './Markdown';

type MarkdownEditorProps = Omit<TextareaProps, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

/** A Markdown text area with a preview tab (the same rendering as the page will show). */
export function MarkdownEditor({ value, onChange, label, description, minRows = 4, ...props }: MarkdownEditorProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('write');
  const id = useId();
  return (
    <Box>
      <Tabs value={tab} onChange={setTab} variant="outline" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="write">{t('tickets.markdown.write')}</Tabs.Tab>
          <Tabs.Tab value="preview">{t('tickets.markdown.preview')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            {...props}
            id={id}
            label={label}
            description={description ?? t('tickets.markdown.hint')}
            value={value}
            onChange={(event) => onChange(event.currentTarget.value)}
            autosize
            minRows={minRows}
            maxRows={18}
          />
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          <Box p="sm" mih={96} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
            {value.trim() ? (
              <Markdown source={value} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('tickets.markdown.previewEmpty')}
              </Text>
            )}
          </Box>
        </Tabs.Panel>
      </Tabs>
    </Box>
  );
}
