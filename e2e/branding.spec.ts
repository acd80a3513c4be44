import { expect, type Locator, type Page, test } from '@playwright/test';
import { solidPng } from '../apps/server/src/test/images';
import { createContactViaApi, signInAdminViaApi, signInContactViaApi } from './support/api';
import { BASE_URL } from './support/env';
import { snap } from './support/screens';

/**
 * Issue 14 items 1 and 4 (D-1, D-4): an admin sees the portal address, sets the portal name,
 * colour and logo on Admin > Customer portal (the preview follows at once); then a contact's
 * portal in Italian shows the logo, the name in the tab title and the colour, and so does the
 * sign-in page. The branding is removed afterwards: other specs expect the product's look.
 */
const NAME = `Studio Rossi IT ${Date.now()}`;
const COLOR = '#1c3d6e';
const RGB = 'rgb(28, 61, 110)';
const LOGO = solidPng(120, 40, [230, 120, 20]);

const brandingSection = (page: Page): Locator => page.locator('section', { has: page.getByRole('heading', { name: 'Branding', exact: true }) });
const bg = (el: Locator) => el.evaluate((node) => getComputedStyle(node).backgroundColor);

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext();
  const session = await signInAdminViaApi(context.request);
  const headers = { 'x-csrf-token': session.csrfToken };
  await context.request.patch('/api/v1/settings/branding', { headers, data: { portalName: null, primaryColor: null } });
  await context.request.delete('/api/v1/settings/branding/logo', { headers });
  await context.close();
});

test('an admin brands the portal; a contact in Italian and the sign-in page show the brand', async ({ browser }) => {
  test.setTimeout(180_000);
  const slow = { timeout: 30_000 };
  const adminContext = await browser.newContext();
  const session = await signInAdminViaApi(adminContext.request);
  const admin = await adminContext.newPage();

  await test.step('Admin > Customer portal shows the portal address with a copy button', async () => {
    await admin.goto('/console/settings/portal');
    await expect(admin.getByTestId('portal-address')).toHaveText(`${BASE_URL}/`, slow);
    await expect(admin.getByRole('button', { name: /copy/i }).first()).toBeVisible();
  });

  await test.step('name and colour: the preview follows as they are typed, then they are saved', async () => {
    const section = brandingSection(admin);
    await section.getByLabel('Portal name').fill(NAME);
    await expect(section.getByTestId('branding-preview-name')).toHaveText(NAME);
    const color = section.getByLabel('Primary colour');
    await color.fill('#ffff00');
    await expect(section.getByText('White text on it has a contrast of 1.07:1; at least 4.5:1 is needed.')).toBeVisible();
    await color.fill(COLOR);
    await color.press('Escape');
    await expect(section.getByText(/White text on it: contrast 10\.81:1\./)).toBeVisible();
    expect(await bg(section.getByTestId('branding-preview-button'))).toBe(RGB);
    await section.getByRole('button', { name: 'Save changes' }).click();
    await expect(admin.getByText('Branding saved')).toBeVisible();
  });

  await test.step('the logo: an SVG is refused with a clear message; a PNG is shown in the preview', async () => {
    const section = brandingSection(admin);
    const input = section.locator('input[type="file"]').first();
    await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
    await expect(section.getByRole('alert')).toContainText('SVG images are not accepted');
    await input.setInputFiles({ name: 'logo.jpg', mimeType: 'image/jpeg', buffer: LOGO });
    await expect(section.getByTestId('branding-preview').locator('img[src*="/api/v1/branding/logo/"]')).toBeVisible(slow);
    await expect(section.getByTestId('branding-preview-name')).toHaveText(NAME);
    await snap(admin, 'branding-settings');
  });

  await test.step("a contact's portal in Italian: logo, name in the tab title, the colour", async () => {
    const { credentials } = await createContactViaApi(adminContext.request, session, { firstName: 'Giulia', lastName: 'Bianchi', company: `Bianchi ${Date.now()}`, language: 'it' });
    const context = await browser.newContext({ locale: 'it-IT' });
    await signInContactViaApi(context.request, credentials);
    const page = await context.newPage();
    await page.goto('/');
    const logo = page.getByTestId('portal-logo');
    await expect(logo).toBeVisible(slow);
    await expect(logo).toHaveAttribute('src', /^\/api\/v1\/branding\/logo\/[0-9a-f]{32}$/);
    expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    await expect(page.getByRole('banner').getByText(NAME)).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`· ${NAME}$`));
    const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--mantine-primary-color-filled').trim());
    expect(primary).toBe(COLOR);
    await snap(page, 'branding-portal-it');
    await context.close();
  });

  await test.step('the sign-in page carries the brand: logo, name, colour', async () => {
    const context = await browser.newContext({ locale: 'it-IT' });
    const page = await context.newPage();
    await page.goto('/login');
    await expect(page.locator('#root').getByRole('heading', { name: 'Accedi' })).toBeVisible(slow);
    await expect(page.locator('img[src^="/api/v1/branding/logo/"]').first()).toBeVisible();
    await expect(page.getByText(NAME).first()).toBeVisible();
    await expect(page).toHaveTitle(`Accedi · ${NAME}`);
    expect(await bg(page.locator('#root').getByRole('button', { name: 'Accedi' }))).toBe(RGB);
    await snap(page, 'branding-sign-in-it');
    await context.close();
  });
  await adminContext.close();
});
