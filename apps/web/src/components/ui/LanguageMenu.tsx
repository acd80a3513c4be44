import type { Language } from '@porta/i18n/languages';
import { lazy, Suspense, useState } from 'react';
import { LanguageButton } from './LanguageButton';

// The menu's popover styles come with all of Mantine's (the sign-in page has only its own).
const loadMenu = () => Promise.all([import('./LanguageMenuDropdown'), import('../../app/all-styles')]);
const LanguageMenuDropdown = lazy(() => loadMenu().then(([m]) => ({ default: m.LanguageMenuDropdown })));
const preload = () => void loadMenu();

interface LanguageMenuProps {
  value: Language;
  onChange: (language: Language) => void;
}

/**
 * Compact language switcher for headers and sign-in pages. The menu (Mantine's Menu and its
 * popover positioning, ~30 kB) is loaded when first wanted, not with the sign-in page: until
 * then a button that looks the same; pointing at it or focusing it starts the download, and a
 * click opens the menu as soon as it is in (#9 item 7).
 */
export function LanguageMenu({ value, onChange }: LanguageMenuProps) {
  const [wanted, setWanted] = useState<{ byKeyboard: boolean } | null>(null);
  const placeholder = (
    <LanguageButton
      language={value}
      onPointerEnter={preload}
      onFocus={preload}
      onClick={(event) => setWanted({ byKeyboard: event.detail === 0 || document.activeElement === event.currentTarget })}
    />
  );
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <LanguageMenuDropdown value={value} onChange={onChange} focus={wanted.byKeyboard} />
    </Suspense>
  );
}
