import { ActionIcon, TextInput } from '@mantine/core';
import { IconArrowRight, IconSearch } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The KB search box: submitting opens the KB search page with the words (#9 item 8). */
export function HomeKbSearch() {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const term = q.trim();
    void navigate(term ? `/kb?${new URLSearchParams({ q: term }).toString()}` : '/kb');
  };
  return (
    <form role="search" onSubmit={submit} aria-label={t('portalHome.kbSearchLabel')}>
      <TextInput
        size="md"
        type="search"
        label={t('portalHome.kbSearchLabel')}
        placeholder={t('portalHome.kbSearchPlaceholder')}
        leftSection={<IconSearch size={18} aria-hidden />}
        rightSection={
          <ActionIcon type="submit" size="lg" variant="filled" aria-label={t('portalHome.kbSearchSubmit')}>
            <IconArrowRight size={18} aria-hidden />
          </ActionIcon>
        }
        rightSectionWidth={44}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maxLength={200}
      />
    </form>
  );
}
