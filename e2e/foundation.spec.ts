import { expect, test } from '@playwright/test';
import { ADMIN, SETUP_TOKEN } from './support/env';
import { snap } from './support/screens';

/**
 * The first day of an MSP on Porta: set up in the browser, add a customer and a contact,
 * hand the generated credentials over, and the contact uses the portal in Italian (A-1, L-1).
 */
test('set-up, customer, contact, and the contact switches the portal to Italian', async ({ browser }) => {
  // ~15 s on a quiet host; the default 60 s ran out on a loaded 2-core one (every later project depends on this one).
  test.setTimeout(180_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();

  await test.step('the admin completes the first-run set-up', async () => {
    await admin.goto(`/console/setup?token=${SETUP_TOKEN}`);
    await admin.getByLabel('Organisation name').fill(ADMIN.organisation);
    await expect(admin.getByLabel('Portal address')).toHaveValue('acme-it-services');
    await admin.getByLabel('Your full name').fill(ADMIN.name);
    await admin.getByLabel('Your e-mail address').fill(ADMIN.email);
    await admin.getByLabel('Choose a password').fill(ADMIN.password);
    await admin.getByLabel('Repeat the password').fill(ADMIN.password);
    await snap(admin, '01-setup-filled');
    await admin.getByRole('button', { name: 'Create organisation' }).click();
    await expect(admin).toHaveURL(/\/console\/customers$/);
    await expect(admin.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
    await snap(admin, '02-console-customers-empty');
  });

  await test.step('the admin creates a customer', async () => {
    await admin.getByRole('button', { name: 'New customer' }).first().click();
    await admin.getByLabel('Company name').fill('Globex Corporation');
    await admin.getByRole('combobox', { name: 'E-mail domains' }).fill('globex.example');
    await admin.keyboard.press('Enter');
    await admin.getByRole('button', { name: 'Create customer' }).click();
    await expect(admin.getByRole('link', { name: 'Globex Corporation' })).toBeVisible();
    await snap(admin, '03-console-customer-created');
  });

  let username = '';
  let password = '';
  await test.step('the admin creates a contact and reads the generated credentials', async () => {
    await admin.getByRole('link', { name: 'Globex Corporation' }).click();
    await admin.getByRole('link', { name: 'Add contact' }).first().click();
    await admin.getByLabel('First name').fill('Giulia');
    await admin.getByLabel('Last name').fill('Bianchi');
    await admin.getByLabel('E-mail address').fill('giulia.bianchi@globex.example');
    await admin.getByRole('button', { name: 'Create contact' }).click();
    await expect(admin).toHaveURL(/\/console\/contacts\/[0-9a-f-]{36}$/);
    await expect(admin.getByRole('heading', { name: 'Portal sign-in' })).toBeVisible();
    username = (await admin.getByTestId('contact-username').innerText()).trim();
    password = (await admin.getByTestId('contact-password').innerText()).trim();
    expect(username).not.toBe('');
    expect(password.length).toBeGreaterThanOrEqual(10);
    await snap(admin, '04-console-contact-credentials');
  });

  await test.step('the admin signs out', async () => {
    await admin.getByRole('button', { name: `${ADMIN.name}: account menu` }).click();
    await admin.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await expect(admin).toHaveURL(/\/console\/login$/);
    await adminContext.close();
  });

  const contactContext = await browser.newContext();
  const contact = await contactContext.newPage();

  await test.step('the contact signs in to the portal', async () => {
    await contact.goto('/');
    await expect(contact).toHaveURL(/\/login$/);
    await expect(contact.getByText(`Customer portal of ${ADMIN.organisation}`)).toBeVisible();
    await snap(contact, '05-portal-login');
    await contact.getByLabel('Username').fill(username);
    await contact.getByLabel('Password', { exact: true }).fill(password);
    await contact.getByRole('button', { name: 'Sign in' }).click();
    await expect(contact.getByRole('heading', { name: 'Hello Giulia' })).toBeVisible();
    await snap(contact, '06-portal-home');
  });

  await test.step('the contact switches App settings to Italian', async () => {
    await contact.getByRole('link', { name: 'App settings' }).first().click();
    await expect(contact.getByRole('heading', { name: 'App settings', level: 1 })).toBeVisible();
    await contact.getByRole('combobox', { name: 'Portal language' }).click();
    await contact.getByRole('option', { name: 'Italiano' }).click();
    await expect(contact.getByRole('heading', { name: 'Impostazioni app', level: 1 })).toBeVisible();
    await expect(contact.locator('html')).toHaveAttribute('lang', 'it');
    await expect(contact.getByText('Lingua salvata.')).toBeVisible();
    await snap(contact, '07-portal-settings-italian');
  });

  await test.step('the portal stays Italian after a reload', async () => {
    await contact.reload();
    await expect(contact.getByRole('heading', { name: 'Impostazioni app', level: 1 })).toBeVisible();
    await expect(contact.getByRole('combobox', { name: 'Lingua del portale' })).toHaveValue('Italiano');
    await contact.getByRole('link', { name: 'Pagina iniziale' }).first().click();
    await expect(contact.getByRole('heading', { name: 'Ciao Giulia' })).toBeVisible();
    await snap(contact, '08-portal-home-italian');
  });

  await contactContext.close();
});
