import { ActionIcon, Group, Text, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const MAX_LENGTH = 2000;

interface ComposerProps {
  /** Sends the text; answers false when it failed, and the text comes back to the field. */
  onSend: (text: string) => Promise<boolean>;
  sending: boolean;
  autoFocus?: boolean;
}

/** AI-1: where the contact writes. Enter sends, Shift+Enter is a new line; nothing is sent while an answer is coming. */
export function Composer({ onSend, sending, autoFocus = false }: ComposerProps) {
  const { t } = useTranslation('chat');
  const [text, setText] = useState('');
  const hintId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const wasSending = useRef(sending);

  // The field was disabled while the answer came: the cursor goes back to it.
  useEffect(() => {
    if (wasSending.current && !sending) field.current?.focus();
    wasSending.current = sending;
  }, [sending]);

  const submit = async () => {
    const value = text.trim();
    if (!value || sending) return;
    setText('');
    if (!(await onSend(value))) setText((current) => current || value);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter (and Enter while an input method composes a word) does not.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Textarea
          ref={field}
          aria-label={t('composer.label')}
          aria-describedby={hintId}
          placeholder={t('composer.placeholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          disabled={sending}
          maxLength={MAX_LENGTH}
          autosize
          minRows={1}
          maxRows={6}
          // The page is for this: the field takes the cursor when it opens.
          data-autofocus={autoFocus || undefined}
          autoFocus={autoFocus}
          style={{ flex: 1, minWidth: 0 }}
        />
        <ActionIcon type="submit" size={42} radius="md" loading={sending} disabled={!text.trim() || sending} aria-label={t('composer.send')}>
          <IconSend size={20} aria-hidden />
        </ActionIcon>
      </Group>
      <Text id={hintId} size="xs" c="dimmed" mt={4} visibleFrom="sm">
        {t('composer.hint')}
      </Text>
    </form>
  );
}
