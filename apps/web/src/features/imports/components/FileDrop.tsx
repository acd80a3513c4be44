import { Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IMPORT_MAX_BYTES } from '@porta/contracts/imports';
import { IconFileUpload } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ChosenFile {
  name: string;
  content: string;
}

interface FileDropProps {
  onFile: (file: ChosenFile) => void;
  onError: (message: string) => void;
  disabled?: boolean;
}

/** A CSV file by drag and drop or the file picker, read as UTF-8 (a file that is not UTF-8 is refused here, with how to fix it). */
export function FileDrop({ onFile, onError, disabled = false }: FileDropProps) {
  const { t } = useTranslation(['console', 'errors']);
  const [over, setOver] = useState(false);

  async function read(file: File | null) {
    if (!file) return;
    if (!/\.(csv|txt|tsv)$/i.test(file.name) && !file.type.startsWith('text/')) return onError(t('imports.file.notCsv'));
    if (file.size > IMPORT_MAX_BYTES) return onError(t('errors:IMPORT_FILE_TOO_LARGE', { megabytes: IMPORT_MAX_BYTES / 1024 / 1024 }));
    try {
      onFile({ name: file.name, content: new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()) });
    } catch {
      onError(t('imports.file.notUtf8'));
    }
  }

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) void read(event.dataTransfer.files[0] ?? null);
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      data-testid="import-drop"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      style={{ borderStyle: 'dashed', borderWidth: 2, background: over ? 'var(--mantine-primary-color-light)' : undefined }}
    >
      <Stack align="center" gap="xs">
        <IconFileUpload size={32} aria-hidden />
        <Text fw={600}>{t('imports.file.drop')}</Text>
        <Group>
          <FileButton onChange={(file) => void read(file)} accept=".csv,.txt,.tsv,text/csv,text/plain" disabled={disabled}>
            {(props) => (
              <Button {...props} variant="light" disabled={disabled}>
                {t('imports.file.choose')}
              </Button>
            )}
          </FileButton>
        </Group>
        <Text size="sm" c="dimmed" ta="center" maw={560}>
          {t('imports.file.hint')}
        </Text>
      </Stack>
    </Paper>
  );
}
