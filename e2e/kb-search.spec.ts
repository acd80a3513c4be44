import { expect, test } from '@playwright/test';
import { patchPortalSettingsViaApi, signInAdminViaApi, signInContactViaApi } from './support/api';
import { expectNoA11yViolations } from './support/axe';
import { createContactInLanguage } from './support/kb';
import { snap } from './support/screens';

/**
 * Issue 11 item 5 (KB-3): the portal search answers as the contact types (from two letters,
 * the last word as a prefix), corrects typos and says so ("Risultati per …"), and highlights
 * the matched words in titles and excerpts, corrected ones included.
 */
test('knowledge base search: suggestions while typing, typo correction, highlights', async ({ browser }) => {
  test.setTimeout(120_000);
  const adminContext = await browser.newContext();
  const session = await signInAdminViaApi(adminContext.request);
  await patchPortalSettingsViaApi(adminContext.request, session, { sections: { kb: { mode: 'all', customerIds: [] } } });
  const stamp = Date.now();
  const title = `La stampante Zorbatek risulta offline ${stamp}`;
  const created = await adminContext.request.post('/api/v1/kb/articles', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { status: 'published', translations: { it: { title, body: 'Spegni la Zorbatek, attendi dieci secondi e riaccendila.' } } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const giulia = await createContactInLanguage(adminContext.request, session, { firstName: 'Giulia', company: `Zorbatek Srl ${stamp}`, language: 'it' });

  const context = await browser.newContext({ locale: 'it-IT' });
  const page = await context.newPage();
  await signInContactViaApi(context.request, giulia.credentials);
  await page.goto('/kb');
  await expect(page.getByRole('heading', { name: 'Base di conoscenza', level: 1 })).toBeVisible();
  const box = page.getByLabel('Cerca nella base di conoscenza');
  const results = page.getByRole('list', { name: 'Risultati della ricerca' });
  const hit = results.getByRole('listitem').filter({ hasText: title });

  await test.step('one letter asks nothing; from two letters the list follows the typing, the last word as a prefix', async () => {
    await box.pressSequentially('z');
    await page.waitForTimeout(600);
    await expect(results).toHaveCount(0);
    await box.pressSequentially('orb', { delay: 40 });
    await expect(hit).toBeVisible();
    await expect(hit.locator('.kb-title mark').first()).toHaveText('Zorbatek');
  });

  await test.step('a typo is corrected, said, and the corrected word highlighted', async () => {
    await box.fill('');
    await box.pressSequentially('zorbtaek', { delay: 30 });
    await expect(hit).toBeVisible();
    await expect(page.getByTestId('kb-corrected')).toHaveText('Risultati per zorbatek');
    await expect(hit.locator('.kb-title mark').first()).toHaveText('Zorbatek');
    await expect(hit.locator('.kb-snippet mark').first()).toHaveText('Zorbatek');
    await snap(page, '44-portal-kb-search-corrected');
    await page.mouse.move(600, 700);
    await expectNoA11yViolations(page, 'portal KB search, corrected');
  });

  await test.step('a clean query says nothing about corrections', async () => {
    await box.fill('zorbatek');
    await expect(hit).toBeVisible();
    await expect(page.getByTestId('kb-corrected')).toHaveCount(0);
  });

  await Promise.all([adminContext.close(), context.close()]);
});
