import { expect, test } from '@playwright/test';
import { createContactViaApi, patchPortalSettingsViaApi, signInAdminViaApi } from './support/api';
import { ADMIN } from './support/env';
import { snap } from './support/screens';

const BILLED_MESSAGE = 'This ticket has been billed and can no longer be changed.';

/**
 * Issue 3, item 10: a contact opens a ticket with an attachment in the portal; a technician
 * replies in the console and the contact sees it without reloading (T-1, T-8, T-10); an admin
 * hides Priority and the contact no longer sees it (T-6); the ticket is billed and the
 * contact's change is refused with the server's message (T-5).
 */
test('ticket journey: portal, console, live reply, field visibility, billed', async ({ browser }) => {
  test.setTimeout(120_000);

  // The admin's browser, signed in through the API (its cookies are the pages' cookies).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const session = await signInAdminViaApi(adminContext.request);
  // Start from known portal settings, whatever other specs left behind.
  await patchPortalSettingsViaApi(adminContext.request, session, {
    sections: { tickets: { mode: 'all', customerIds: [] } },
    tickets: { visibleStatuses: ['open', 'pending', 'resolved', 'closed'], allowReopen: true },
    fieldVisibility: { priority: 'edit', type: 'edit' },
  });
  const { credentials } = await createContactViaApi(adminContext.request, session, { firstName: 'Paula', lastName: 'Printer', company: 'Inkwell Ltd' });

  const contactContext = await browser.newContext();
  const contact = await contactContext.newPage();
  const subject = `Printer on the 2nd floor jams ${Date.now()}`;
  let ticketUrl = '';

  await test.step('the contact signs in and opens the tickets from the home page', async () => {
    await contact.goto('/login');
    await contact.getByLabel('Username').fill(credentials.username);
    await contact.getByLabel('Password', { exact: true }).fill(credentials.password);
    await contact.getByRole('button', { name: 'Sign in' }).click();
    await expect(contact.getByRole('heading', { name: 'Hello Paula' })).toBeVisible();
    await contact.getByRole('link', { name: 'All tickets' }).click();
    await expect(contact.getByRole('heading', { name: 'My tickets', level: 1 })).toBeVisible();
    await expect(contact.getByText('No tickets yet')).toBeVisible();
    await expect(contact).toHaveTitle('My tickets · Acme IT Services');
    await snap(contact, '20-portal-tickets-empty');
  });

  await test.step('the contact creates a ticket with an attachment', async () => {
    await contact.getByRole('link', { name: 'New ticket' }).first().click();
    await expect(contact.getByRole('heading', { name: 'New ticket', level: 1 })).toBeVisible();
    await contact.getByLabel('Subject').fill(subject);
    await contact
      .getByLabel('Description')
      .fill('It **jams** on every page. <script>window.__porta_xss = 1</script> [bad](javascript:alert(1)) Manual: https://example.com/printer-help');
    await contact.getByRole('combobox', { name: 'Priority' }).click();
    await contact.getByRole('option', { name: 'High' }).click();
    await contact.locator('input[type="file"]').setInputFiles({ name: 'error-log.txt', mimeType: 'text/plain', buffer: Buffer.from('Paper jam in tray 2\n') });
    await expect(contact.getByText('error-log.txt')).toBeVisible();
    await snap(contact, '21-portal-new-ticket');
    await contact.getByRole('button', { name: 'Send ticket' }).click();
    await expect(contact).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
    ticketUrl = contact.url();
    await expect(contact.getByRole('heading', { name: subject, level: 1 })).toBeVisible();
    await expect(contact.getByRole('link', { name: 'error-log.txt' })).toBeVisible();
    await expect(contact.getByRole('combobox', { name: 'Priority' })).toHaveValue('High');
  });

  await test.step('the description is Markdown, rendered without raw HTML or script links', async () => {
    const description = contact.locator('.markdown').first();
    await expect(description.locator('strong')).toHaveText('jams');
    await expect(description).toContainText('<script>window.__porta_xss = 1</script>');
    expect(await contact.evaluate(() => (window as unknown as { __porta_xss?: number }).__porta_xss)).toBeUndefined();
    await expect(description.locator('a[href^="javascript:"]')).toHaveCount(0);
    const link = description.getByRole('link', { name: 'https://example.com/printer-help' });
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    await expect(link).toHaveAttribute('target', '_blank');
    await snap(contact, '22-portal-ticket-created');
  });

  await test.step('a technician finds the ticket in the queue and replies, plus an internal note', async () => {
    await admin.goto('/console/tickets');
    await expect(admin.getByRole('heading', { name: 'Tickets', level: 1 })).toBeVisible();
    await admin.getByRole('link', { name: subject }).click();
    await expect(admin.getByRole('heading', { name: subject, level: 1 })).toBeVisible();
    await expect(admin.getByRole('link', { name: 'error-log.txt' })).toBeVisible();
    await expect(admin.getByRole('link', { name: 'Paula Printer' })).toBeVisible();
    await expect(admin.getByRole('link', { name: 'Inkwell Ltd' })).toBeVisible();

    await admin.getByLabel('Your reply').fill('Thanks Paula, a technician is on the way with a new **roller**.');
    await admin.getByRole('button', { name: 'Send reply' }).click();
    await expect(admin.getByText('Reply sent.')).toBeVisible();

    await admin.getByRole('radiogroup', { name: 'Kind of message' }).getByText('Internal note').click();
    await expect(admin.getByRole('radio', { name: 'Internal note' })).toBeChecked();
    await admin.getByLabel('Your internal note').fill('Tray 2 roller is worn; bill 30 minutes.');
    await admin.getByRole('button', { name: 'Add internal note' }).click();
    await expect(admin.getByTestId('internal-note')).toContainText('Tray 2 roller is worn');
    await snap(admin, '23-console-ticket-replied');
  });

  await test.step('the contact sees the reply appear without reloading, but never the internal note', async () => {
    await expect(contact.getByText('a technician is on the way with a new')).toBeVisible();
    await expect(contact.getByTestId('public-comment')).toHaveCount(1);
    await expect(contact.getByText('Tray 2 roller is worn')).toHaveCount(0);
    expect(contact.url()).toBe(ticketUrl);
    await snap(contact, '24-portal-live-reply');
  });

  await test.step('an admin hides Priority in the portal; the contact no longer sees it', async () => {
    await admin.goto('/console/settings/custom-fields');
    await expect(admin.getByRole('heading', { name: 'Ticket fields', level: 1 })).toBeVisible();
    await admin.getByRole('combobox', { name: 'Portal visibility of Priority' }).click();
    await admin.getByRole('option', { name: 'Hidden' }).click();
    await expect(admin.getByText('Priority is now: Hidden.')).toBeVisible();
    await snap(admin, '25-console-field-visibility');

    await contact.reload();
    await expect(contact.getByRole('heading', { name: subject, level: 1 })).toBeVisible();
    await expect(contact.getByRole('combobox', { name: 'Type' })).toBeVisible();
    await expect(contact.getByText('Priority', { exact: true })).toHaveCount(0);
    await expect(contact.getByRole('combobox', { name: 'Priority' })).toHaveCount(0);
    await snap(contact, '26-portal-priority-hidden');
  });

  // A second tab of the contact, opened before the ticket is billed, that hears no live events:
  // its Resolve button is stale, so the server's refusal is what the contact sees.
  const staleTab = await contactContext.newPage();
  await staleTab.route('**/events', (route) => route.abort());
  await staleTab.goto(ticketUrl);
  await expect(staleTab.getByRole('button', { name: 'Mark as resolved' })).toBeVisible();

  await test.step('a technician marks the ticket billed', async () => {
    await admin.goto(ticketUrl.replace(/\/tickets\//, '/console/tickets/'));
    await expect(admin.getByRole('heading', { name: subject, level: 1 })).toBeVisible();
    await admin.getByRole('switch', { name: 'Billed' }).check({ force: true });
    await admin.getByLabel('Billed time (minutes)').fill('30');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await expect(admin.getByText(/Ticket #\d+ saved\./)).toBeVisible();
    await snap(admin, '27-console-ticket-billed');
  });

  await test.step('the open ticket page turns read-only live, with the billed message', async () => {
    await expect(contact.getByTestId('billed-banner')).toContainText(BILLED_MESSAGE);
    await expect(contact.getByRole('button', { name: 'Mark as resolved' })).toHaveCount(0);
    await expect(contact.getByRole('button', { name: 'Send reply' })).toHaveCount(0);
    await expect(contact.getByRole('combobox', { name: 'Type' })).toHaveCount(0);
    await snap(contact, '28-portal-billed-live');
  });

  await test.step("the contact's change from a stale tab is refused with the server's message", async () => {
    await staleTab.getByRole('button', { name: 'Mark as resolved' }).click();
    // The refusal next to the actions, then (once the page has refetched) the billed banner too.
    await expect(staleTab.getByRole('alert').filter({ hasText: BILLED_MESSAGE })).toHaveCount(2);
    await expect(staleTab.getByTestId('billed-banner')).toBeVisible();
    await expect(staleTab.getByRole('button', { name: 'Mark as resolved' })).toHaveCount(0);
    await snap(staleTab, '29-portal-billed-refused');
  });

  await patchPortalSettingsViaApi(adminContext.request, session, { fieldVisibility: { priority: 'edit' } });
  await contactContext.close();
  await adminContext.close();
});

/** T-7, T-8, T-6: an admin adds a custom field shown in the portal; a technician opens a ticket for a contact from the contact's page. */
test('custom field and a ticket opened on behalf of a contact', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const session = await signInAdminViaApi(adminContext.request);
  const created = await createContactViaApi(adminContext.request, session, { firstName: 'Bruno', lastName: 'Bytes', company: 'Bytes & Bits' });
  const key = `asset${Date.now()}`;

  await test.step('the admin creates a text field and makes it editable in the portal', async () => {
    await admin.goto('/console/settings/custom-fields');
    await admin.getByRole('button', { name: 'New custom field' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New custom field' });
    await dialog.getByLabel('Label').fill('Asset tag');
    await dialog.getByLabel('Key').fill(key);
    await dialog.getByRole('button', { name: 'Create field' }).click();
    await expect(admin.getByText('Field Asset tag saved.')).toBeVisible();
    await admin.getByRole('combobox', { name: 'Portal visibility of Asset tag' }).click();
    await admin.getByRole('option', { name: 'Editable' }).click();
    await expect(admin.getByText('Asset tag is now: Editable.')).toBeVisible();
    await snap(admin, '30-console-custom-field');
  });

  await test.step('a technician opens a ticket from the contact page', async () => {
    await admin.goto(`/console/contacts/${created.contact.id}`);
    await admin.getByRole('link', { name: 'New ticket' }).click();
    await expect(admin.getByRole('heading', { name: 'New ticket', level: 1 })).toBeVisible();
    await expect(admin.getByRole('combobox', { name: 'Requester' })).toHaveValue('Bruno Bytes · Bytes & Bits');
    await admin.getByLabel('Subject').fill('New laptop for Bruno');
    await admin.getByLabel('Description').fill('Order and set up a laptop.');
    await admin.getByLabel('Asset tag').fill('LT-0042');
    await snap(admin, '31-console-new-ticket');
    await admin.getByRole('button', { name: 'Create ticket' }).click();
    await expect(admin.getByRole('heading', { name: 'New laptop for Bruno', level: 1 })).toBeVisible();
    await expect(admin.getByLabel('Asset tag')).toHaveValue('LT-0042');
  });

  await test.step('the contact sees the ticket and may edit the custom field', async () => {
    const contactContext = await browser.newContext();
    const contact = await contactContext.newPage();
    await contact.goto('/login');
    await contact.getByLabel('Username').fill(created.credentials.username);
    await contact.getByLabel('Password', { exact: true }).fill(created.credentials.password);
    await contact.getByRole('button', { name: 'Sign in' }).click();
    await contact.getByRole('link', { name: 'Tickets' }).first().click();
    await contact.getByRole('link', { name: /New laptop for Bruno/ }).click();
    await expect(contact.getByLabel('Asset tag')).toHaveValue('LT-0042');
    await contact.getByLabel('Asset tag').fill('LT-0043');
    await contact.getByRole('button', { name: 'Save changes' }).click();
    await expect(contact.getByText('Changes saved.')).toBeVisible();
    await snap(contact, '32-portal-custom-field');
    await contactContext.close();
  });

  await adminContext.close();
});

/**
 * T-6, T-10: with Assigned to and Due date set to "edit" a contact sets them on a new ticket and
 * clears them on its page; an admin then hides the assignee and makes the due date read-only,
 * and the open page follows without a reload (portal.changed).
 */
test('assignee and due date editable in the portal; a visibility change reaches the open page live', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const session = await signInAdminViaApi(adminContext.request);
  const created = await createContactViaApi(adminContext.request, session, { firstName: 'Dora', lastName: 'Deadline', company: 'Timely GmbH' });
  await patchPortalSettingsViaApi(adminContext.request, session, { fieldVisibility: { assignee: 'edit', dueDate: 'edit' } });
  const contactContext = await browser.newContext();
  const contact = await contactContext.newPage();
  const subject = `Projector for Monday ${Date.now()}`;
  try {
    await test.step('the contact picks a technician and a due date on a new ticket', async () => {
      await contact.goto('/login');
      await contact.getByLabel('Username').fill(created.credentials.username);
      await contact.getByLabel('Password', { exact: true }).fill(created.credentials.password);
      await contact.getByRole('button', { name: 'Sign in' }).click();
      await expect(contact.getByRole('heading', { name: 'Hello Dora' })).toBeVisible();
      await contact.goto('/tickets/new');
      await contact.getByLabel('Subject').fill(subject);
      await expect(contact.getByRole('combobox', { name: 'Assigned to' })).toHaveValue('Unassigned');
      await contact.getByRole('combobox', { name: 'Assigned to' }).click();
      await contact.getByRole('option', { name: ADMIN.name }).click();
      await contact.getByLabel('Due date').fill('2031-05-06T09:30');
      await snap(contact, '33-portal-new-ticket-assignee-due');
      await contact.getByRole('button', { name: 'Send ticket' }).click();
      await expect(contact.getByRole('heading', { name: subject, level: 1 })).toBeVisible();
      await expect(contact.getByRole('combobox', { name: 'Assigned to' })).toHaveValue(ADMIN.name);
      await expect(contact.getByLabel('Due date')).toHaveValue('2031-05-06T09:30');
    });

    await test.step('the contact clears both on the ticket page', async () => {
      await contact.getByRole('combobox', { name: 'Assigned to' }).click();
      await contact.getByRole('option', { name: 'Unassigned' }).click();
      await contact.getByLabel('Due date').fill('');
      await contact.getByRole('button', { name: 'Save changes' }).click();
      await expect(contact.getByText('Changes saved.')).toBeVisible();
      await expect(contact.getByRole('combobox', { name: 'Assigned to' })).toHaveValue('Unassigned');
      await expect(contact.getByLabel('Due date')).toHaveValue('');
    });

    await test.step('an admin hides the assignee and makes the due date read-only: the open page follows without a reload', async () => {
      await patchPortalSettingsViaApi(adminContext.request, session, { fieldVisibility: { assignee: 'hidden', dueDate: 'readonly' } });
      await expect(contact.getByRole('combobox', { name: 'Assigned to' })).toHaveCount(0);
      await expect(contact.getByText('Assigned to', { exact: true })).toHaveCount(0);
      await expect(contact.getByLabel('Due date')).toHaveCount(0);
      await expect(contact.getByText('No due date')).toBeVisible();
      await snap(contact, '34-portal-visibility-live');
    });
  } finally {
    await patchPortalSettingsViaApi(adminContext.request, session, { fieldVisibility: { assignee: 'readonly', dueDate: 'hidden' } });
    await contactContext.close();
    await adminContext.close();
  }
});
