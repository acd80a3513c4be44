import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { LANGUAGES, type Language } from '@porta/contracts/common';
import type { KbCategory } from '@porta/contracts/kb';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { FormError } from '../../../components/ui/FormError';
import { useSaveKbCategory } from '../api';
import { languageName } from '../labels';

/** A category's name in each language (at least one) and its place in the order. */
export function KbCategoryModal({ category, opened, onClose }: { category: KbCategory | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(['kb', 'common']);
  const save = useSaveKbCategory();
  const [names, setNames] = useState<Partial<Record<Language, string>>>(category?.names ?? {});
  const [position, setPosition] = useState<number | string>(category?.position ?? '');
  const filled = Object.fromEntries(Object.entries(names).filter(([, v]) => v?.trim())) as Partial<Record<Language, string>>;

  const submit = () => {
    const input = { names: filled, ...(typeof position === 'number' && { position }) };
    save.mutate({ ...(category && { id: category.id }), input }, { onSuccess: onClose });
  };

  return (
    <AppModal opened={opened} onClose={onClose} title={category ? t('categories.edit') : t('categories.add')}>
      <Stack gap="sm">
        {LANGUAGES.map((l) => (
          <TextInput key={l} label={languageName(l)} value={names[l] ?? ''} maxLength={80} onChange={(e) => setNames((n) => ({ ...n, [l]: e.currentTarget.value }))} />
        ))}
        <NumberInput label={t('categories.position')} description={t('categories.positionHint')} min={0} max={10000} value={position} onChange={setPosition} />
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending} disabled={Object.keys(filled).length === 0}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
