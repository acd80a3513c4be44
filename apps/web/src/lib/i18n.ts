import { CATALOGUES } from '@porta/i18n/catalogues';
import { isLanguage, LANGUAGES, type Language, NAMESPACES, pickLanguage } from '@porta/i18n/languages';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

const STORAGE_KEY = 'porta.language';

/** The language chosen before sign-in: the picker's last choice, else the browser's, else English. */
export function preferredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be unavailable (private mode); fall back to the browser language.
  }
  return pickLanguage(navigator.languages.join(',')) ?? 'en';
}

/** Remembers the signed-out picker's choice and switches the UI to it. */
export function choosePreferredLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not fatal: the choice lasts for this page only.
  }
  applyLanguage(language);
}

/** Switches the UI language (no-op when it is already current). */
export function applyLanguage(language: Language): void {
  if (i18next.language !== language) void i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18next.use(initReactI18next).init({
  resources: CATALOGUES,
  lng: preferredLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  ns: [...NAMESPACES],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export { i18next };
