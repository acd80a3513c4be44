import { Select, type SelectProps } from '@mantine/core';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '@porta/i18n/languages';

const OPTIONS = LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }));

type LanguageSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value?: Language;
  onChange?: (language: Language) => void;
};

/** A labelled select of the five UI languages, each in its own name. */
export function LanguageSelect({ value, onChange, ...props }: LanguageSelectProps) {
  return (
    <Select
      {...props}
      data={OPTIONS}
      value={value}
      allowDeselect={false}
      checkIconPosition="right"
      onChange={(next) => {
        if (isLanguage(next)) onChange?.(next);
      }}
    />
  );
}
