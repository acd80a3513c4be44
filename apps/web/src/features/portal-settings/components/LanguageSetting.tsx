import { Stack } from '@mantine/core';
import type { Language } from '@porta/i18n/languages';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { LanguageSelect } from '../../../components/ui/LanguageSelect';
import { applyLanguage, i18next } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { useContact } from '../../portal-auth/contact-context';
import { useUpdatePortalMe } from '../api';

/** Saves the portal language on the contact and switches the UI at once. */
export function LanguageSetting() {
  const { t } = useTranslation(['portal', 'common']);
  const me = useContact();
  const update = useUpdatePortalMe();

  const change = (language: Language) => {
    const previous = me.language;
    applyLanguage(language);
    update.mutate(
      { language },
      {
        // Said in the language just chosen, not the one this component rendered in.
        onSuccess: () => void i18next.loadLanguages(language).then(() => notifySuccess(i18next.t('portal:settings.languageSaved', { lng: language }))),
        onError: () => applyLanguage(previous),
      },
    );
  };

  return (
    <Stack gap="sm" maw={320}>
      <LanguageSelect
        label={t('settings.languageLabel')}
        value={update.isPending && update.variables.language ? update.variables.language : me.language}
        onChange={change}
        disabled={update.isPending}
      />
      <FormError error={update.error} />
    </Stack>
  );
}
