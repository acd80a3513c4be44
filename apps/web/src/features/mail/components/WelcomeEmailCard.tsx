import { Button, Code, Group, Paper, Stack, Switch, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { PortalSettings } from '@porta/contracts/portal-settings';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@porta/i18n/languages';
import { IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useUpdatePortalSettings } from '../../ticket-settings/api';
import { useWelcomePreview } from '../api';

const PLACEHOLDERS = ['contact.name', 'contact.firstName', 'contact.lastName', 'contact.email', 'customer.name', 'company.name', 'portal.url', 'credentials.username', 'credentials.password'];

/** A-2 on Admin > Customer portal: on/off, one template per language, a preview with sample values. */
export function WelcomeEmailCard({ current }: { current: PortalSettings['welcomeEmail'] }) {
  const { t } = useTranslation(['mail', 'common']);
  const update = useUpdatePortalSettings();
  const preview = useWelcomePreview();
  const [enabled, setEnabled] = useState(current.enabled);
  const [language, setLanguage] = useState<Language>('en');
  const [templates, setTemplates] = useState(current.templates);
  const edit = (field: 'subject' | 'body', value: string) => {
    setTemplates((all) => ({ ...all, [language]: { ...all[language], [field]: value } }));
    preview.reset();
  };
  const save = () => {
    update.mutateAsync({ welcomeEmail: { enabled, templates } }).then(() => notifySuccess(t('ui.welcome.saved'))).catch(() => undefined);
  };

  return (
    <SectionCard
      title={
        <Group gap="xs" component="span">
          <IconMail size={20} aria-hidden />
          {t('ui.welcome.title')}
        </Group>
      }
      description={t('ui.welcome.text')}
    >
      <Switch label={t('ui.welcome.enabled')} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
      <Tabs value={language} onChange={(v) => LANGUAGES.includes(v as Language) && setLanguage(v as Language)}>
        <Tabs.List>
          {LANGUAGES.map((l) => (
            <Tabs.Tab key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <TextInput label={t('ui.welcome.subject')} value={templates[language].subject} onChange={(e) => edit('subject', e.currentTarget.value)} />
      <Textarea label={t('ui.welcome.body')} autosize minRows={8} value={templates[language].body} onChange={(e) => edit('body', e.currentTarget.value)} />
      <Text size="xs" c="dimmed">
        {t('ui.welcome.placeholders')}{' '}
        {PLACEHOLDERS.map((p) => (
          <Code key={p} mr={4}>{`{{${p}}}`}</Code>
        ))}
      </Text>
      {preview.data && (
        <Paper withBorder p="md" radius="md" bg="var(--mantine-color-gray-0)" data-testid="welcome-preview">
          <Stack gap="xs">
            <Title order={3} size="h6">
              {t('ui.welcome.previewTitle')}
            </Title>
            <Text fw={600}>{preview.data.subject}</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {preview.data.body}
            </Text>
          </Stack>
        </Paper>
      )}
      <FormError error={update.error ?? preview.error} />
      <Group>
        <Button onClick={save} loading={update.isPending}>
          {t('common:actions.save')}
        </Button>
        <Button variant="default" loading={preview.isPending} onClick={() => preview.mutate({ language, ...templates[language] })}>
          {t('ui.welcome.preview')}
        </Button>
      </Group>
    </SectionCard>
  );
}
