import { Menu } from '@mantine/core';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@porta/i18n/languages';
import { IconCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageButton } from './LanguageButton';

interface LanguageMenuDropdownProps {
  value: Language;
  onChange: (language: Language) => void;
  /** Moves the keyboard focus to the menu's button (it replaced the focused placeholder). */
  focus: boolean;
}

/** The language menu itself, loaded on first use (LanguageMenu.tsx): opens at once. */
export function LanguageMenuDropdown({ value, onChange, focus }: LanguageMenuDropdownProps) {
  const { t } = useTranslation();
  const target = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) target.current?.focus();
  }, [focus]);
  return (
    <Menu position="bottom-end" shadow="md" width={180} defaultOpened>
      <Menu.Target>
        <LanguageButton ref={target} language={value} />
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
