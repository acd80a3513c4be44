import type { Catalogue } from '@porta/i18n/catalogues';
import { isLanguage, LANGUAGES, type Language, NAMESPACES, type Namespace, pickLanguage } from '@porta/i18n/languages';
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

const STORAGE_KEY = 'porta.language';
/**
 * The picker's choice, mirrored for the server: it writes the portal sign-in's first paint and
 * preloads the catalogue in this language (apps/server/src/platform/http/app-page.ts).
 */
const COOKIE = 'porta_lang';

function rememberForServer(language: Language): void {
  document.cookie = `${COOKIE}=${language}; path=/; max-age=31536000; samesite=lax`;
}

function cookieLanguage(): Language | undefined {
  const value = document.cookie
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === COOKIE)?.[1];
  return isLanguage(value) ? value : undefined;
}

/** The language chosen before sign-in: the picker's last choice, else the browser's, else English. */
export function preferredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) {
      if (cookieLanguage() !== stored) rememberForServer(stored);
      return stored;
    }
  } catch {
    // Storage can be unavailable (private mode); fall back to the cookie or the browser language.
  }
  return cookieLanguage() ?? pickLanguage(navigator.languages.join(',')) ?? 'en';
}

/** Remembers the signed-out picker's choice and switches the UI to it. */
export function choosePreferredLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not fatal: the cookie still carries the choice.
  }
  rememberForServer(language);
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

/**
 * The catalogues, loaded on demand: the build puts each language's namespaces in one chunk of
 * its own (vite.config.ts), so a page downloads only its language, never all five (#9 item 7).
 */
/** Namespaces only signed-in pages use: kept off the sign-in's first load (#9 item 7's budget; vite.config.ts `pages-locale`). */
const PAGE_NAMESPACES: readonly Namespace[] = ['devices', 'assistant', 'chat'];

const catalogueFiles = import.meta.glob<Catalogue>('../../../../packages/i18n/locales/*/*.json', { import: 'default' });

const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = catalogueFiles[`../../../../packages/i18n/locales/${language}/${namespace}.json`];
    if (!load) return callback(new Error(`no catalogue ${language}/${namespace}`), false);
    load().then(
      (catalogue) => callback(null, catalogue),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * Resolves once the current language's catalogues are in (main.tsx renders then). No fallback
 * language: the parity check keeps every language's keys identical, so English is never
 * needed to fill gaps and is not downloaded alongside another language.
 */
/** The language the app starts in (main.tsx compares it with a server-written first paint's). */
export const initialLanguage: Language = preferredLanguage();

export const i18nReady: Promise<unknown> = i18next
  .use(lazyCatalogues)
  .use(initReactI18next)
  .init({
    lng: initialLanguage,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    load: 'currentOnly',
    // The console's catalogue is loaded by console pages (loadConsoleCatalogue), those of the
    // signed-in pages by every page but the sign-in (loadPageCatalogues; app/router.tsx).
    ns: NAMESPACES.filter((ns) => ns !== 'console' && !PAGE_NAMESPACES.includes(ns)),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(() => {
    document.documentElement.lang = i18next.language;
  });

/** The catalogues of signed-in pages in the current language (every page but the sign-in awaits them). */
export const loadPageCatalogues = (): Promise<void> => i18next.loadNamespaces([...PAGE_NAMESPACES]);

/** The console's catalogue in the current language (console pages await it before they render). */
export const loadConsoleCatalogue = (): Promise<void> => i18next.loadNamespaces('console');

export { i18next };
