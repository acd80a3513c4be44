import { LANGUAGES, type Language } from '@porta/contracts/common';
import { LANGUAGE_NAMES } from '@porta/i18n/languages';

/** The five article languages, each named in its own language (as in the language pickers). */
export const languageOptions = () => LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }));
export const languageName = (language: Language) => LANGUAGE_NAMES[language];
