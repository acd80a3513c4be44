import { expect, type Page, test } from '@playwright/test';
import { signInAdminViaApi } from './support/api';
import { expectNoA11yViolations } from './support/axe';
import { snap } from './support/screens';

/**
 * Issue 15 item 5: a technician imports customers (with domains) from a European Excel export
 * (BOM, semicolons, CRLF, Italian headers), then contacts: the first file has a bad row, which
 * the dry run points at in the preview and which blocks the import; the corrected file imports
 * with progress, and the contacts are in the list.
 */
const STAMP = Date.now().toString(36);
const ALFA = `Alfa Srl ${STAMP}`;
const BETA = `Beta SpA ${STAMP}`;

const csv = (lines: string[]) => ({ mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') });

async function chooseFile(page: Page, name: string, lines: string[]) {
  await page.getByTestId('import-drop').locator('input[type="file"]').setInputFiles({ name, ...csv(lines) });
}

test('customers, then contacts, from CSV files: mapping, preview, dry run, errors, import', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  await signInAdminViaApi(context.request);
  const page = await context.newPage();

  await test.step('customers: the Italian headers are mapped, the dry run counts, the import creates them', async () => {
    await page.goto('/console/customers');
    await page.getByRole('link', { name: 'Import CSV' }).click();
    await expect(page.getByRole('heading', { name: 'Import customers' })).toBeVisible();
    await chooseFile(page, 'clienti.csv', ['Nome;Domini', `${ALFA};"alfa-${STAMP}.it; alfa-${STAMP}.com"`, `${BETA};beta-${STAMP}.it`]);
    await expect(page.getByTestId('import-file')).toHaveText('clienti.csv: 2 rows, separated by semicolons');
    await expect(page.getByRole('combobox', { name: 'Column in the file: Name' })).toHaveValue('0');
    await expect(page.getByRole('combobox', { name: 'Column in the file: E-mail domains' })).toHaveValue('1');
    await expect(page.getByRole('table', { name: /first rows/ }).getByRole('cell', { name: ALFA })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByTestId('import-report').getByText('New: 2')).toBeVisible();
    await expect(page.getByText('No errors: the file is ready to import.')).toBeVisible();
    await expectNoA11yViolations(page, 'customers import, after the dry run');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('import-result')).toContainText('2 new, 0 updated, 0 skipped');
    await snap(page, 'csv-import-customers-done');
    await page.getByRole('link', { name: 'All customers' }).last().click();
    await page.getByLabel('Search customers').fill(STAMP);
    await expect(page.getByRole('link', { name: ALFA })).toBeVisible();
    await expect(page.getByText(`alfa-${STAMP}.com`)).toBeVisible();
  });

  await test.step('contacts: a bad row is shown in the preview and blocks the import', async () => {
    await page.goto('/console/contacts');
    await page.getByRole('link', { name: 'Import CSV' }).click();
    await expect(page.getByRole('heading', { name: 'Import contacts' })).toBeVisible();
    const rows = [
      'Nome;Cognome;E-mail;Azienda;Lingua;Principale',
      `Lucia;Bianchi;lucia@alfa-${STAMP}.it;;it;sì`,
      `Marco;Neri;not-an-email;${BETA};en;no`,
      `Hans;Weber;hans-${STAMP}@example.org;beta-${STAMP}.it;de;no`,
    ];
    await chooseFile(page, 'contatti.csv', rows);
    await expect(page.getByRole('combobox', { name: 'Column in the file: First name' })).toHaveValue('0');
    await expect(page.getByRole('combobox', { name: 'Column in the file: Customer (name or domain)' })).toHaveValue('3');
    await page.getByRole('button', { name: 'Check the file' }).click();
    const report = page.getByTestId('import-report');
    await expect(report.getByText('With errors: 1')).toBeVisible();
    await expect(report.getByRole('row', { name: /3 E-mail Not a valid e-mail address\./ })).toBeVisible();
    await expect(page.locator('tr[data-row="3"]')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('tr[data-row="3"]').getByText('Not a valid e-mail address.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await snap(page, 'csv-import-contacts-errors');
    await expectNoA11yViolations(page, 'contacts import, dry run with errors');

    rows[2] = `Marco;Neri;marco@beta-${STAMP}.it;${BETA};en;no`;
    await chooseFile(page, 'contatti.csv', rows);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(report.getByText('New: 3')).toBeVisible();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('import-result')).toContainText('3 new, 0 updated, 0 skipped');
  });

  await test.step('the imported contacts are listed with their customers', async () => {
    await page.goto(`/console/contacts?q=${encodeURIComponent(`beta-${STAMP}`)}`);
    await expect(page.getByRole('cell', { name: `marco@beta-${STAMP}.it` })).toBeVisible();
    await page.goto(`/console/contacts?q=lucia%40alfa-${STAMP}`);
    await expect(page.getByRole('cell', { name: `lucia@alfa-${STAMP}.it` })).toBeVisible();
    await expect(page.getByRole('cell', { name: ALFA })).toBeVisible();
    // Found by the domain named in its customer cell.
    await page.goto(`/console/contacts?q=hans-${STAMP}`);
    await expect(page.getByRole('cell', { name: BETA })).toBeVisible();
  });
  await context.close();
});
