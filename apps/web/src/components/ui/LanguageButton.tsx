import { Button, type ButtonProps } from '@mantine/core';
import { LANGUAGE_NAMES, type Language } from '@porta/i18n/languages';
import { IconChevronDown, IconLanguage } from '@tabler/icons-react';
import type { ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';

type LanguageButtonProps = ButtonProps & Omit<ComponentPropsWithRef<'button'>, keyof ButtonProps | 'children' | 'value'> & { language: Language };

/** The language switcher's button: the current language's code, named for what it does. */
export function LanguageButton({ language, ...props }: LanguageButtonProps) {
  const { t } = useTranslation();
  return (
    <Button
      variant="subtle"
      color="gray"
      size="compact-sm"
      leftSection={<IconLanguage size={16} aria-hidden />}
      rightSection={<IconChevronDown size={14} aria-hidden />}
      // The name starts with the visible code (WCAG 2.5.3, axe label-content-name-mismatch).
      aria-label={t('language.change', { code: language.toUpperCase(), language: LANGUAGE_NAMES[language] })}
      aria-haspopup="menu"
      {...props}
    >
      {language.toUpperCase()}
    </Button>
  );
}
