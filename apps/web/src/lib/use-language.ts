import { isLanguage, type Language } from '@porta/i18n/languages';
import { useTranslation } from 'react-i18next';

/** The UI language, re-rendering when it changes. */
export function useCurrentLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'en';
}
