import { expect, test } from '@playwright/test';
import { createContactViaApi, createPortalTicketViaApi, signInAdminViaApi, signInContactViaApi } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { snap } from './support/screens';

/** No serious or critical axe violations on the pages people meet first. */
test.describe('accessibility', () => {
  test('sign-in pages', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByLabel('Username')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'portal sign-in');

    await page.goto('/console/login');
    await expect(page.getByLabel('E-mail address')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'console sign-in');
  });

  test('console lists and contact page', async ({ page }) => {
    const session = await signInAdminViaApi(page.request);
    const created = await createContactViaApi(page.request, session, { firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines' });

    await page.goto('/console/contacts');
    await expect(page.getByRole('link', { name: 'Ada Lovelace' }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'contacts list');
    await snap(page, '10-a11y-contacts-list');

    await page.goto('/console/customers');
    await expect(page.getByRole('link', { name: 'Analytical Engines' }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'customers list');

    await page.getByRole('button', { name: 'New customer' }).first().click();
    await expect(page.getByRole('dialog', { name: 'New customer' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'new customer dialog');
    await page.getByRole('button', { name: 'Close' }).click();

    await page.goto(`/console/contacts/${created.contact.id}`);
    await expect(page.getByTestId('contact-password')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'contact page');

    await page.goto('/console/account');
    await page.getByRole('button', { name: 'Set up authenticator' }).click();
    await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'authenticator set-up');
    await snap(page, '13-a11y-account-authenticator');
  });

  test('portal home and settings on a phone', async ({ browser, request }) => {
    const session = await signInAdminViaApi(request);
    const { credentials } = await createContactViaApi(request, session, { firstName: 'Mario', lastName: 'Verdi', company: 'Verdi Srl' });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill(credentials.username);
    await page.getByLabel('Password', { exact: true }).fill(credentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Hello Mario' })).toBeVisible();
    await expect(page.getByText('No open tickets')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'portal home');
    await snap(page, '11-a11y-portal-home-phone');

    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'App settings' }).first().click();
    await expect(page.getByRole('heading', { name: 'App settings', level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'portal settings');
    await snap(page, '12-a11y-portal-settings-phone');
    await context.close();
  });

  test('tickets: portal list and ticket page on a phone, console queue, ticket page and settings', async ({ browser, page }) => {
    const session = await signInAdminViaApi(page.request);
    const { credentials } = await createContactViaApi(page.request, session, { firstName: 'Tina', lastName: 'Toner', company: 'Toner & Co' });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const phone = await context.newPage();
    const contact = await signInContactViaApi(context.request, credentials);
    const ticket = await createPortalTicketViaApi(context.request, contact, { subject: 'Scanner is offline', description: 'Since **Monday** the scanner shows *offline*.\n\n- restarted it\n- checked the cable' });

    await phone.goto('/tickets');
    await expect(phone.getByRole('link', { name: /Scanner is offline/ })).toBeVisible();
    await expectNoSeriousA11yViolations(phone, 'portal tickets list');
    await snap(phone, '14-a11y-portal-tickets-phone');

    await phone.goto(`/tickets/${ticket.id}`);
    await expect(phone.getByRole('heading', { name: 'Scanner is offline', level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(phone, 'portal ticket page');
    await snap(phone, '15-a11y-portal-ticket-phone');

    await phone.goto('/tickets/new');
    await expect(phone.getByRole('heading', { name: 'New ticket', level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(phone, 'portal new ticket');
    await context.close();

    await page.goto('/console/tickets');
    await expect(page.getByRole('link', { name: /Scanner is offline/ }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'console ticket queue');
    await snap(page, '16-a11y-console-queue');

    await page.goto(`/console/tickets/${ticket.id}`);
    await expect(page.getByRole('heading', { name: 'Scanner is offline', level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'console ticket page');

    for (const [path, heading, screen] of [
      ['/console/settings/portal', 'Customer portal', '17-a11y-console-portal-settings'],
      ['/console/settings/tickets', 'Ticket settings', '18-a11y-console-ticket-settings'],
      ['/console/settings/custom-fields', 'Ticket fields', '19-a11y-console-ticket-fields'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
      await expect(page.getByRole('status')).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, heading);
      await snap(page, screen);
    }
  });
});
