import { expect, test } from '@playwright/test';
import { patchPortalSettingsViaApi, signInAdminViaApi, signInContactViaApi } from './support/api';
import { expectNoA11yViolations } from './support/axe';
import { createContactInLanguage } from './support/kb';
import { snap } from './support/screens';

/**
 * Issue 4, item 7: a technician writes and publishes an article in English and Italian, limited
 * to one customer; that customer's Italian contact finds it by an inflected Italian word
 * ("stampanti" finds "stampante") and votes; a contact of a customer outside the audience
 * cannot find or open it; with the KB section off, the portal entry disappears (KB-1..KB-3).
 */
test('knowledge base: write, translate, publish, search in Italian, audience, section off', async ({ browser }) => {
  test.setTimeout(120_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const session = await signInAdminViaApi(adminContext.request);
  await patchPortalSettingsViaApi(adminContext.request, session, { sections: { kb: { mode: 'all', customerIds: [] } } });
  const stamp = Date.now();
  const italianCompany = `Bianchi Stampa ${stamp}`;
  const giulia = await createContactInLanguage(adminContext.request, session, { firstName: 'Giulia', company: italianCompany, language: 'it' });
  const gina = await createContactInLanguage(adminContext.request, session, { firstName: 'Gina', company: `Globex ${stamp}`, language: 'en' });
  const englishTitle = `Fix a printer that shows offline ${stamp}`;
  const italianTitle = `Risolvere una stampante offline ${stamp}`;
  let articleUrl = '';

  await test.step('a technician writes the English version with a live preview', async () => {
    await admin.goto('/console/kb');
    await expect(admin.getByRole('heading', { name: 'Knowledge base', level: 1 })).toBeVisible();
    await admin.getByRole('link', { name: 'New article' }).first().click();
    await expect(admin.getByRole('heading', { name: 'New article', level: 1 })).toBeVisible();
    await admin.getByLabel('Title (English)').fill(englishTitle);
    await admin.getByLabel('Text (Markdown)').fill('## Steps\n1. Restart the **print spooler**.\n2. Check the cable.\n\n<script>window.__kbPwned = 1</script>');
    const preview = admin.getByTestId('kb-preview');
    await expect(preview.getByRole('heading', { name: 'Steps' })).toBeVisible();
    await expect(preview.locator('strong')).toHaveText('print spooler');
    await expect(preview).toContainText('<script>window.__kbPwned = 1</script>');
  });

  await test.step('adds the Italian version, limits the article to one customer and publishes', async () => {
    await admin.getByRole('button', { name: 'Add a language' }).click();
    await admin.getByRole('menuitem', { name: 'Italiano' }).click();
    await admin.getByLabel('Title (Italiano)').fill(italianTitle);
    await admin.getByLabel('Text (Markdown)').fill('## Passaggi\nRiavvia lo **spooler** della stampante e controlla il cavo di rete.');
    await expect(admin.getByTestId('kb-preview').getByRole('heading', { name: 'Passaggi' })).toBeVisible();
    await admin.getByLabel('Only for selected customers').check({ force: true });
    const customers = admin.getByRole('combobox', { name: 'Customers who see it' });
    await customers.click();
    await customers.fill('Bianchi Stampa');
    await admin.getByRole('option', { name: italianCompany }).click();
    await snap(admin, '40-console-kb-editor');
    await admin.keyboard.press('Escape');
    await expectNoA11yViolations(admin, 'console KB editor');
    await admin.getByRole('button', { name: 'Publish' }).click();
    await expect(admin).toHaveURL(/\/console\/kb\/[0-9a-f-]{36}$/);
    await expect(admin.getByText('Article published.')).toBeVisible();
    await expect(admin.getByText('Published', { exact: true }).first()).toBeVisible();
    articleUrl = new URL(admin.url()).pathname.replace('/console', '');
    expect(await admin.evaluate(() => (window as unknown as { __kbPwned?: number }).__kbPwned)).toBeUndefined();
  });

  await test.step('the technician finds it in the list filtered by Italian', async () => {
    await admin.goto('/console/kb?language=it&status=published');
    await expect(admin.getByRole('link', { name: italianTitle })).toBeVisible();
    await snap(admin, '41-console-kb-list');
    await expectNoA11yViolations(admin, 'console KB list');
  });

  const giuliaContext = await browser.newContext({ locale: 'it-IT' });
  const g = await giuliaContext.newPage();
  await test.step('the Italian contact finds it by searching "stampanti" and reads it in Italian', async () => {
    await signInContactViaApi(giuliaContext.request, giulia.credentials);
    await g.goto('/');
    await g.getByRole('link', { name: 'Base di conoscenza' }).first().click();
    await expect(g.getByRole('heading', { name: 'Base di conoscenza', level: 1 })).toBeVisible();
    await g.getByLabel('Cerca nella base di conoscenza').fill('stampanti');
    const results = g.getByRole('list', { name: 'Risultati della ricerca' });
    const hit = results.getByRole('listitem').filter({ hasText: italianTitle });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark').first()).toHaveText(/stampante/i);
    await snap(g, '42-portal-kb-search-it');
    // Off the nav link it clicked: its hover shade is a shell style shared with Tickets, checked elsewhere.
    await g.mouse.move(600, 700);
    await expectNoA11yViolations(g, 'portal KB search results');
    await hit.getByRole('link', { name: italianTitle }).click();
    await expect(g.getByRole('heading', { name: italianTitle, level: 1 })).toBeVisible();
    await expect(g.getByRole('heading', { name: 'Passaggi' })).toBeVisible();
    await g.getByRole('button', { name: 'Sì' }).click();
    await expect(g.getByText('Grazie per il tuo riscontro!')).toBeVisible();
    await expect(g.getByRole('button', { name: 'Sì' })).toHaveAttribute('aria-pressed', 'true');
    await snap(g, '43-portal-kb-article-it');
    await expectNoA11yViolations(g, 'portal KB article');
  });

  const ginaContext = await browser.newContext();
  const other = await ginaContext.newPage();
  await test.step('a contact of a customer outside the audience can neither find nor open it', async () => {
    await signInContactViaApi(ginaContext.request, gina.credentials);
    await other.goto('/kb');
    await expect(other.getByRole('heading', { name: 'Knowledge base', level: 1 })).toBeVisible();
    await other.getByLabel('Search the knowledge base').fill('printer offline');
    await expect(other.getByText('Nothing found').or(other.getByRole('list', { name: 'Search results' }))).toBeVisible();
    await expect(other.getByRole('link', { name: englishTitle })).toHaveCount(0);
    await other.goto(articleUrl);
    await expect(other.getByText('This article does not exist or is not available to you.')).toBeVisible();
    await expect(other.getByRole('heading', { name: englishTitle })).toHaveCount(0);
  });

  await test.step('the technician sees the vote; with the section off the portal entry disappears', async () => {
    await admin.goto(`/console${articleUrl}`);
    await expect(admin.getByText(/helpful: 1 yes, 0 no/)).toBeVisible();
    await patchPortalSettingsViaApi(adminContext.request, session, { sections: { kb: { mode: 'off', customerIds: [] } } });
    await other.goto('/');
    await expect(other.getByRole('heading', { name: /Hello Gina/ })).toBeVisible();
    await expect(other.getByRole('link', { name: 'Knowledge base' })).toHaveCount(0);
    await other.goto('/kb');
    await expect(other.getByText('Knowledge base not available')).toBeVisible();
    const api = await ginaContext.request.get('/api/v1/portal/kb/articles');
    expect(api.status()).toBe(404);
    await patchPortalSettingsViaApi(adminContext.request, session, { sections: { kb: { mode: 'all', customerIds: [] } } });
  });

  await Promise.all([adminContext.close(), giuliaContext.close(), ginaContext.close()]);
});
