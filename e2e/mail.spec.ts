import { expect, test } from '@playwright/test';
import { createContactViaApi, mailTo, signInAdminViaApi } from './support/api';
import { expectNoA11yViolations } from './support/axe';
import { snap } from './support/screens';
import { BASE_URL } from './support/env';

/**
 * Issue 5: an admin turns the welcome e-mail on; a new contact's welcome mail is read
 * from the test SMTP relay the server sends through, and its credentials sign in through the
 * browser; the console Outbox shows it sent; the contact then resets the password by e-mail.
 */
test('welcome e-mail and password reset through a real SMTP relay', async ({ browser }) => {
  test.setTimeout(120_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const session = await signInAdminViaApi(adminContext.request);

  await test.step('the admin turns the welcome e-mail on and previews it', async () => {
    await admin.goto('/console/settings/portal');
    const card = admin.locator('section').filter({ has: admin.getByRole('heading', { name: 'Welcome e-mail' }) });
    const toggle = card.getByRole('switch', { name: 'Send a welcome e-mail to new contacts' });
    if (!(await toggle.isChecked())) await toggle.click({ force: true });
    await expect(toggle).toBeChecked();
    await card.getByRole('button', { name: 'Preview' }).click();
    await expect(card.getByTestId('welcome-preview')).toContainText('alex.martin');
    await snap(admin, '40-console-welcome-email');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(admin.getByText('Welcome e-mail saved.')).toBeVisible();
    await expectNoA11yViolations(admin, 'customer portal settings with the welcome e-mail');
  });

  await test.step('the mail settings page tells where mail goes and takes a portal address', async () => {
    await admin.goto('/console/settings/mail');
    await expect(admin.getByText('Mail goes out through the relay configured on the server.')).toBeVisible();
    await expect(admin.getByText(/^[a-z0-9-]+@localhost$/).first()).toBeVisible();
    await expectNoA11yViolations(admin, 'mail settings');
    await snap(admin, '43-console-mail-settings');
  });

  const created = (await createContactViaApi(adminContext.request, session, { firstName: 'Wilma', lastName: 'Welcome', company: `Welcome Works ${Date.now()}` })) as unknown as {
    contact: { email: string };
  };
  const email = created.contact.email;
  let username = '';
  let password = '';

  await test.step('the welcome mail arrives at the SMTP relay with working credentials', async () => {
    const mail = await mailTo(adminContext.request, email, (m) => m.text.includes('Password:'));
    expect(mail.subject).toBe('Your access to the Acme IT Services support portal');
    expect(mail.autoSubmitted).toBe('auto-generated');
    username = /Username: (\S+)/.exec(mail.text)?.[1] ?? '';
    password = /Password: (\S+)/.exec(mail.text)?.[1] ?? '';
    expect(username).not.toBe('');
    expect(password).not.toBe('');
  });

  await test.step('the contact signs in through the browser with the mailed credentials', async () => {
    const contactContext = await browser.newContext();
    const contact = await contactContext.newPage();
    await contact.goto('/login');
    await contact.getByLabel('Username').fill(username);
    await contact.getByLabel('Password', { exact: true }).fill(password);
    await contact.getByRole('button', { name: 'Sign in' }).click();
    await expect(contact.getByRole('heading', { name: 'Hello Wilma' })).toBeVisible();
    await contactContext.close();
  });

  await test.step('the console Outbox lists the welcome mail as sent, its secret text gone', async () => {
    await admin.goto('/console/mail');
    const row = admin.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText('Sent');
    await expectNoA11yViolations(admin, 'outbox');
    await row.getByRole('button', { name: 'View' }).click();
    await expect(admin.getByText('its text was removed once it was sent')).toBeVisible();
    await expectNoA11yViolations(admin, 'outbox mail');
    await snap(admin, '41-console-outbox');
  });

  await test.step('"Forgot password": the link from the mail sets a new password that signs in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expectNoA11yViolations(page, 'forgot password');
    await page.getByLabel('E-mail or username').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByText('a link is on its way')).toBeVisible();
    const mail = await mailTo(context.request, email, (m) => m.subject === 'Reset your portal password');
    const link = new URL(/(https?:\/\/\S+reset-password\?token=\S+)/.exec(mail.text)?.[1] ?? '');
    // The link as mailed, port included: the only tenant is the default one, at the server's address (#9 item 3).
    expect(link.origin).toBe(BASE_URL);
    await page.goto(link.href);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await expectNoA11yViolations(page, 'reset password');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByLabel('Repeat the password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await expect(page.getByText('Your password is set')).toBeVisible();
    await snap(page, '42-portal-password-reset');
    await page.getByRole('link', { name: 'Back to sign-in' }).first().click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Hello Wilma' })).toBeVisible();
    await context.close();
  });
});
