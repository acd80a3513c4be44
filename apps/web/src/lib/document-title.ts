import { useDocumentTitle } from '@mantine/hooks';
import { createContext, useContext } from 'react';

/** What follows the page name in the browser tab: the product in the console, the tenant in the portal. */
export const TitleSuffixContext = createContext('Porta');

/** Sets the tab title to "<page> · <suffix>" (WCAG 2.4.2: pages have titles). */
export function usePageTitle(page: string | undefined): void {
  const suffix = useContext(TitleSuffixContext);
  useDocumentTitle(page ? `${page} · ${suffix}` : suffix);
}
