import { Button, Menu } from '@mantine/core';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@porta/i18n/languages';
import { IconCheck, IconChevronDown, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface LanguageMenuProps {
  value: Language;
  onChange: (language: Language) => void;
}

/** Compact language switcher for headers and sign-in pages. */
export function LanguageMenu({ value, onChange }: LanguageMenuProps) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" shadow="md" width={180}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconLanguage size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          // The name starts with the visible code (WCAG 2.5.3, axe label-content-name-mismatch).
          aria-label={t('language.change', { code: value.toUpperCase(), language: LANGUAGE_NAMES[value] })}
        >
          {value.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LANGUAGES.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            onClick={() => onChange(language)}
            rightSection={language === value ? <IconCheck size={14} aria-hidden /> : null}
            aria-current={language === value ? 'true' : undefined}
          >
            {LANGUAGE_NAMES[language]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
