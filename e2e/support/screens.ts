import type { Page } from '@playwright/test';

/** A full-page screenshot kept in test-results/screens/ for people to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
