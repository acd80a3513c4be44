import { Button, Group, PasswordInput, Radio, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { AssistantOptions } from '@porta/contracts/portal-settings';
import { IconRobot } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useUpdatePortalSettings } from '../../ticket-settings/api';

/**
 * AI-2..AI-5 on Admin > Customer portal: which engine answers (built-in, or an
 * OpenAI-compatible API with its URL, model and write-only key), and the ticket options.
 */
export function AssistantOptionsCard({ current }: { current: AssistantOptions }) {
  const { t: k } = useTranslation('console', { keyPrefix: 'portalSettings.assistantOptions' });
  const { t } = useTranslation('common');
  const update = useUpdatePortalSettings();
  const [engine, setEngine] = useState(current.engine);
  const [baseUrl, setBaseUrl] = useState(current.model.baseUrl);
  const [model, setModel] = useState(current.model.model);
  const [apiKey, setApiKey] = useState('');
  const [createsTicket, setCreatesTicket] = useState(current.createsTicket);
  const [disableManualTickets, setDisableManualTickets] = useState(current.disableManualTickets);

  const save = (removeKey = false) => {
    const modelPatch = engine === 'openai' || removeKey ? { baseUrl: baseUrl.trim(), model: model.trim(), ...(removeKey ? { apiKey: null } : apiKey.trim() !== '' && { apiKey: apiKey.trim() }) } : undefined;
    update
      .mutateAsync({ assistant: { engine, createsTicket, disableManualTickets, ...(modelPatch && { model: modelPatch }) } })
      .then(() => {
        setApiKey('');
        notifySuccess(k('saved'));
      })
      .catch(() => undefined);
  };

  return (
    <SectionCard
      title={
        <Group gap="xs" component="span">
          <IconRobot size={20} aria-hidden />
          {k('title')}
        </Group>
      }
      description={k('text')}
    >
      <Radio.Group label={k('engine')} value={engine} onChange={(v) => setEngine(v === 'openai' ? 'openai' : 'builtin')}>
        <Stack gap="xs" mt="xs">
          <Radio value="builtin" label={k('builtin')} description={k('builtinText')} />
          <Radio value="openai" label={k('openai')} description={k('openaiText')} />
        </Stack>
      </Radio.Group>
      {engine === 'openai' && (
        <Stack gap="sm">
          <TextInput label={k('baseUrl')} description={k('baseUrlText')} placeholder="https://api.openai.com/v1" value={baseUrl} onChange={(e) => setBaseUrl(e.currentTarget.value)} required />
          <TextInput label={k('model')} placeholder="gpt-4o-mini" value={model} onChange={(e) => setModel(e.currentTarget.value)} required />
          <PasswordInput label={k('apiKey')} description={current.model.apiKeySet ? k('apiKeySet') : k('apiKeyText')} value={apiKey} onChange={(e) => setApiKey(e.currentTarget.value)} autoComplete="off" />
          {current.model.apiKeySet && (
            <Group>
              <Button variant="subtle" color="red" size="xs" onClick={() => save(true)}>
                {k('removeKey')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <Switch label={k('createsTicket')} description={k('createsTicketText')} checked={createsTicket} onChange={(e) => setCreatesTicket(e.currentTarget.checked)} />
      <Switch label={k('disableManualTickets')} description={k('disableManualTicketsText')} checked={disableManualTickets} onChange={(e) => setDisableManualTickets(e.currentTarget.checked)} />
      <Text size="xs" c="dimmed">
        {k('sectionNote')}
      </Text>
      <FormError error={update.error} />
      <Group>
        <Button onClick={() => save()} loading={update.isPending}>
          {t('actions.save')}
        </Button>
      </Group>
    </SectionCard>
  );
}
