import { type Browser, expect, type Page, test } from '@playwright/test';
import { type A11yPage, type A11yWorld, CONSOLE_PAGES, PORTAL_PAGES, pathOf, SIGNED_OUT_PAGES, UNKNOWN_ID, visit } from './support/a11y-pages';
import { createContactViaApi, createPortalTicketViaApi, patchPortalSettingsViaApi, signInAdminViaApi, signInContactViaApi } from './support/api';
import { expectNoA11yViolations } from './support/axe';
import { snap } from './support/screens';

/**
 * #9 item 9: axe (every rule) finds nothing on any page of either app: each page of
 * e2e/support/a11y-pages.ts, with its dialogs and menus open, the portal on a 360 px phone too.
 */

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

let world: A11yWorld;
let contactCredentials: { username: string; password: string };

test.beforeAll(async ({ request }) => {
  const session = await signInAdminViaApi(request);
  const headers = { 'x-csrf-token': session.csrfToken };
  await patchPortalSettingsViaApi(request, session, { sections: { kb: { mode: 'all', customerIds: [] }, tickets: { mode: 'all', customerIds: [] }, assistant: { mode: 'all', customerIds: [] } } });
  const created = await createContactViaApi(request, session, { firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines' });
  contactCredentials = created.credentials;
  const contact = await request.get(`/api/v1/contacts/${created.contact.id}`);
  const { contact: detail } = (await contact.json()) as { contact: { customerId: string } };
  const category = await request.post('/api/v1/kb/categories', { headers, data: { names: { en: `Accounts ${Date.now()}` } } });
  expect(category.ok(), await category.text()).toBeTruthy();
  const categoryId = ((await category.json()) as { id: string }).id;
  const article = await request.post('/api/v1/kb/articles', {
    headers,
    data: { status: 'published', categoryId, translations: { en: { title: 'Reset your password', body: '## Steps\n1. Open **Forgot password**.\n2. Follow the link in the e-mail.' } } },
  });
  expect(article.ok(), await article.text()).toBeTruthy();
  const articleId = ((await article.json()) as { id: string }).id;
  const contactRequest = await signInAsContact(request);
  const ticket = await createPortalTicketViaApi(request, contactRequest, { subject: 'Printer on fire', description: 'Since **Monday** the printer smokes.\n\n- unplugged it' });
  world = { ticketId: ticket.id, customerId: detail.customerId, contactId: created.contact.id, articleId, categoryId };
});

async function signInAsContact(request: Page['request']) {
  return signInContactViaApi(request, contactCredentials);
}

async function checkAll(page: Page, pages: A11yPage[], where: string) {
  for (const entry of pages) {
    await test.step(`${where}: ${entry.name} (${pathOf(entry, world)})`, async () => {
      await visit(page, entry, world);
      await expectNoA11yViolations(page, `${where} ${entry.name}`);
      for (const state of entry.open ?? []) {
        await state.action(page);
        await expectNoA11yViolations(page, `${where} ${entry.name}, ${state.name}`);
        await page.keyboard.press('Escape');
      }
    });
  }
}

async function newPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  return { context, page: await context.newPage() };
}

test('signed-out pages, on a phone and on a desktop', async ({ browser }) => {
  test.setTimeout(300_000);
  for (const [where, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    const { context, page } = await newPage(browser, viewport);
    await checkAll(page, SIGNED_OUT_PAGES, where);
    await context.close();
  }
});

test('every console page', async ({ browser }) => {
  test.setTimeout(600_000);
  const { context, page } = await newPage(browser, DESKTOP);
  await signInAdminViaApi(context.request);
  await checkAll(page, CONSOLE_PAGES, 'console');
  await snap(page, '10-a11y-console-last-page');
  await context.close();
});

test('every portal page, on a 360 px phone and on a desktop', async ({ browser }) => {
  test.setTimeout(600_000);
  for (const [where, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    const { context, page } = await newPage(browser, viewport);
    await signInAsContact(context.request);
    await checkAll(page, PORTAL_PAGES, `portal ${where}`);
    if (where === 'phone') {
      await page.goto('/');
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await expect(page.getByRole('link', { name: 'App settings' }).first()).toBeVisible();
      await expectNoA11yViolations(page, 'portal phone navigation open');
      await snap(page, '11-a11y-portal-phone-navigation');
    }
    await context.close();
  }
});

test('a missing object shows "Not found" with a way back, not "Something went wrong" (#9 item 6)', async ({ browser }) => {
  test.setTimeout(180_000);
  const { context, page } = await newPage(browser, PHONE);
  await signInAsContact(context.request);
  await page.goto('/tickets/999999');
  await expect(page.getByRole('heading', { name: 'Not found', level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Retry')).toHaveCount(0);
  await page.getByTestId('not-found').getByRole('link').click();
  await expect(page).toHaveURL(/\/tickets$/);
  await context.close();

  const admin = await newPage(browser, DESKTOP);
  await signInAdminViaApi(admin.context.request);
  await admin.page.goto(`/console/contacts/${UNKNOWN_ID}`);
  await expect(admin.page.getByTestId('not-found')).toContainText('Contact not found.', { timeout: 30_000 });
  await admin.page.getByTestId('not-found').getByRole('link').click();
  await expect(admin.page).toHaveURL(/\/console\/contacts$/);
  await admin.context.close();
});
