import { Badge, Button, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import type { SoftwarePackage } from '@porta/contracts/software';
import { IconCheck, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { notifySuccess } from '../../../lib/notify';
import { useCreatePackage, useStarterPackages } from '../api';

const CATEGORIES = ['browser', 'communication', 'developer', 'documents', 'editor', 'graphics', 'media', 'network', 'productivity', 'remote', 'runtime', 'security', 'storage', 'utility'] as const;
const isCategory = (c: string): c is (typeof CATEGORIES)[number] => (CATEGORIES as readonly string[]).includes(c);

/** SS-5: "pick from the starter list": the shipped packages, searchable, each added with one click. */
export function StarterPickerModal({ opened, catalogue, onClose }: { opened: boolean; catalogue: readonly SoftwarePackage[]; onClose: () => void }) {
  const { t } = useTranslation(['devices', 'common']);
  const starter = useStarterPackages(opened);
  const create = useCreatePackage();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState<string | null>(null);
  const taken = new Set(catalogue.map((p) => p.name.toLowerCase()));
  const q = query.trim().toLowerCase();
  const category = (c: string) => (isCategory(c) ? t(`software.starter.categories.${c}`) : c);
  const items = (starter.data?.items ?? []).filter((s) => !q || s.name.toLowerCase().includes(q) || category(s.category).toLowerCase().includes(q) || s.key.includes(q));

  const close = () => {
    create.reset();
    setQuery('');
    onClose();
  };

  return (
    <AppModal opened={opened} onClose={close} title={t('software.starter.title')} size="lg">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('software.starter.text')}
        </Text>
        <TextInput
          label={t('software.starter.search')}
          placeholder={t('software.starter.searchPlaceholder')}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          data-autofocus
        />
        <FormError error={create.error} />
        {starter.isPending ? (
          <LoadingState />
        ) : starter.isError ? (
          <ErrorState error={starter.error} onRetry={() => void starter.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" role="status">
            {t('common:states.noResultsText', { query })}
          </Text>
        ) : (
          <ScrollArea.Autosize mah="55vh" type="auto">
            <Stack gap={0} component="ul" aria-label={t('software.starter.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((s) => {
                const added = taken.has(s.name.toLowerCase());
                return (
                  <Group key={s.key} component="li" justify="space-between" wrap="nowrap" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      {/* Spans, not paragraphs: a bold <p> over a line reads as a fake heading (axe p-as-heading). */}
                      <Text component="span" size="sm" fw={600}>
                        {s.name}
                      </Text>
                      <Text component="span" size="xs" c="dimmed">
                        {category(s.category)}
                      </Text>
                    </Stack>
                    {added ? (
                      <Badge variant="light" color="teal" leftSection={<IconCheck size={12} aria-hidden />}>
                        {t('software.starter.added')}
                      </Badge>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconPlus size={14} aria-hidden />}
                        aria-label={t('software.starter.addNamed', { name: s.name })}
                        loading={create.isPending && adding === s.key}
                        disabled={create.isPending && adding !== s.key}
                        onClick={() => {
                          setAdding(s.key);
                          create.mutate(
                            { name: s.name, aliases: s.aliases, chocolateyId: s.chocolateyId, wingetId: s.wingetId, homebrewFormula: s.homebrewFormula, homebrewCask: s.homebrewCask },
                            { onSuccess: () => notifySuccess(t('software.form.saved', { name: s.name })) },
                          );
                        }}
                      >
                        {t('software.starter.add')}
                      </Button>
                    )}
                  </Group>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.close')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
