import { expect, test } from '@playwright/test';
import { startAteraStandIn } from '../apps/server/src/features/imports-atera/test/atera-stand-in';
import { signInAdminViaApi } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { snap } from './support/screens';

const KEY = 'e2e-atera-key-0123456789';

/**
 * Issue 15 item 5 in Chromium: Admin > Import from Atera against the Atera stand-in on loopback
 * (the e2e server allows private targets for it). A wrong key is refused on the form; the import
 * then stops where Atera refuses the key mid-run, shows why, and Resume finishes it.
 */
test('console: import from Atera, stopped by a refused key, resumed to the end', async ({ browser }) => {
  test.setTimeout(180_000);
  const atera = await startAteraStandIn(KEY, {
    customers: [{ CustomerID: 71, CustomerName: 'Atera E2E Bakery', Domain: 'bakery-e2e.example.com' }],
    contacts: [{ EndUserID: 710, CustomerID: 71, Firstname: 'Bruna', Lastname: 'Baker', Email: 'bruna@bakery-e2e.example.com', IsContactPerson: true }],
    tickets: [
      { TicketID: 7100, TicketTitle: 'Oven display blank (Atera E2E)', TicketStatus: 'Pending', TicketPriority: 'High', CustomerID: 71, EndUserID: 710, EndUserEmail: 'bruna@bakery-e2e.example.com', FirstComment: 'The display stays blank.' },
    ],
    comments: { '7100': [{ CommentText: 'Swapped the display cable.', CommentTimestampUTC: '2024-05-02T08:00:00', FirstName: 'Tess', LastName: 'Tech', IsInternal: false }] },
    articles: [{ KBID: 7, KBProduct: 'Resetting the oven display (Atera E2E)', KBContext: 'Hold the reset key for ten seconds.', KBKeywords: 'oven' }],
  });
  try {
    const admin = await browser.newContext();
    await signInAdminViaApi(admin.request);
    const page = await admin.newPage();
    await page.goto('/console/imports/atera');
    await expect(page.getByRole('heading', { name: 'Import from Atera' })).toBeVisible({ timeout: 45_000 });

    // A wrong key: refused at once, with the reason.
    await page.getByLabel('Atera API key').fill('wrong-key');
    await page.getByRole('textbox', { name: 'API address (optional)' }).fill(atera.baseUrl);
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Atera refused the API key' })).toBeVisible();

    // Atera refuses the key once more on the tickets list: the import stops there and says why.
    atera.failOn({ path: 'tickets', page: 1, status: 401, times: 1 });
    await page.getByLabel('Atera API key').fill(KEY);
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect(page.getByTestId('atera-import-status')).toHaveText('Stopped', { timeout: 30_000 });
    await expect(page.getByTestId('atera-import-error')).toContainText('Atera refused the API key');
    await expect(page.getByTestId('atera-import-customers')).toContainText('1 of 1');
    await expectNoSeriousA11yViolations(page, 'atera import stopped');
    await snap(page, 'atera-import-stopped');

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByTestId('atera-import-status')).toHaveText('Done', { timeout: 60_000 });
    await expect(page.getByTestId('atera-import-tickets')).toContainText('1 of 1');
    await expect(page.getByTestId('atera-import-articles')).toContainText('1 of 1');
    await expect(page.getByText('Everything has been read.')).toBeVisible();
    // The form is back for another run.
    await expect(page.getByRole('button', { name: 'Start import' })).toBeVisible();

    // The ticket is in the console, with its status, and the technician's comment under the name Atera gave.
    await page.goto('/console/tickets');
    await page.getByRole('link', { name: /Oven display blank \(Atera E2E\)/ }).first().click();
    await expect(page.getByText('Swapped the display cable.')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('Tess Tech', { exact: false }).first()).toBeVisible();
    await admin.close();
  } finally {
    await atera.close();
  }
});
