import { expect, test, type APIRequestContext } from '@playwright/test';
import { createContactViaApi, mailTo, patchPortalSettingsViaApi, signInAdminViaApi, signInContactViaApi } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { snap } from './support/screens';

type Session = Awaited<ReturnType<typeof signInAdminViaApi>>;

async function onboardingOf(request: APIRequestContext) {
  const res = await request.get('/api/v1/onboarding');
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()) as { steps: { key: string; done: boolean }[]; complete: boolean };
}

async function welcomeEnabled(request: APIRequestContext): Promise<boolean> {
  const res = await request.get('/api/v1/settings/portal');
  return ((await res.json()) as { welcomeEmail: { enabled: boolean } }).welcomeEmail.enabled;
}

async function setWelcome(request: APIRequestContext, session: Session, enabled: boolean) {
  await patchPortalSettingsViaApi(request, session, { welcomeEmail: { enabled } });
}

/**
 * Issue 9 item 4: a contact changing their password in the portal sees the strength meter,
 * and a weak password is refused with the reason.
 */
test('portal: the strength meter appears and a weak new password is refused', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const session = await signInAdminViaApi(adminContext.request);
  const { credentials } = await createContactViaApi(adminContext.request, session, { firstName: 'Pia', lastName: 'Passwort', company: `Strength Co ${Date.now()}` });

  const context = await browser.newContext();
  await signInContactViaApi(context.request, credentials);
  const page = await context.newPage();
  await page.goto('/settings');
  const meter = page.getByTestId('password-strength');
  await expect(meter).toBeVisible({ timeout: 30_000 });

  await page.getByLabel('Current password').fill(credentials.password);
  await page.getByLabel(/^New password/).fill('password12');
  await page.getByLabel('Repeat the new password').fill('password12');
  // The first keystroke loads the dictionaries: allow for a slow host.
  await expect(meter).toContainText('Strength: Weak', { timeout: 30_000 });
  await expect(page.getByTestId('password-strength-advice')).toContainText('This is a commonly used password.');
  await expect(meter.getByRole('progressbar', { name: 'Password strength' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'portal settings with the password strength meter');
  await snap(page, '60-portal-password-strength');

  await page.getByRole('button', { name: 'Change password' }).click();
  // The server refuses it (PASSWORD_TOO_WEAK) and says why, next to the field.
  await expect(page.getByText(/not easy to guess\. This is a commonly used password\./)).toBeVisible();
  await expect(page.getByText('Your password has been changed.')).toHaveCount(0);

  const strong = 'violet tractor seventeen lagoon';
  await page.getByLabel(/^New password/).fill(strong);
  await page.getByLabel('Repeat the new password').fill(strong);
  await expect(meter).toContainText(/Strength: (Strong|Very strong)/);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password has been changed.')).toBeVisible();
  await context.close();
  await adminContext.close();
});

/** Issue 9 item 5: the new-contact form's welcome box follows the tenant's setting; the contact page's button tells whether one was sent. */
test('console: "Send the welcome e-mail" when creating a contact', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const session = await signInAdminViaApi(context.request);
  const original = await welcomeEnabled(context.request);
  const customer = await context.request.post('/api/v1/customers', { headers: { 'x-csrf-token': session.csrfToken }, data: { name: `Welcome Flag ${Date.now()}` } });
  const { id: customerId } = (await customer.json()) as { id: string };
  const page = await context.newPage();

  async function createContact(first: string, tick: boolean, expectedDefault: boolean) {
    await page.goto(`/console/contacts/new?customerId=${customerId}`);
    const box = page.getByRole('checkbox', { name: 'Send the welcome e-mail' });
    await expect(box).toBeVisible({ timeout: 30_000 });
    if (expectedDefault) await expect(box).toBeChecked();
    else await expect(box).not.toBeChecked();
    const email = `${first.toLowerCase()}.${Date.now()}@flag.example`;
    await page.getByLabel('First name').fill(first);
    await page.getByLabel('Last name').fill('Flag');
    await page.getByLabel('E-mail address').fill(email);
    if (tick !== expectedDefault) await box.click();
    await page.getByRole('button', { name: 'Create contact' }).click();
    await expect(page).toHaveURL(/\/console\/contacts\/[0-9a-f-]{36}$/);
    return email;
  }

  try {
    await setWelcome(context.request, session, false);
    const ticked = await createContact('Tina', true, false);
    await expect(page.getByRole('button', { name: 'Send the welcome e-mail again' })).toBeVisible();
    await mailTo(context.request, ticked, (m) => m.text.includes('Password:'));

    await setWelcome(context.request, session, true);
    await createContact('Ugo', false, true);
    const send = page.getByRole('button', { name: 'Send the welcome e-mail', exact: true });
    await expect(send).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'contact page before any welcome e-mail');
    await send.click();
    await expect(page.getByRole('button', { name: 'Send the welcome e-mail again' })).toBeVisible();
  } finally {
    await setWelcome(context.request, session, original);
    await context.close();
  }
});

/** Issue 9 item 5: the console home's first-run checklist shrinks as steps get done and is gone when all are. */
test('console: the first-run checklist shrinks and disappears', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const session = await signInAdminViaApi(context.request);
  const page = await context.newPage();
  const checklist = page.getByTestId('onboarding-checklist');
  const headers = { 'x-csrf-token': session.csrfToken };

  // The portal-address step is only ever done from this checklist: on a first run it is open.
  expect((await onboardingOf(context.request)).complete).toBe(false);
  await page.goto('/console/tickets');
  await expect(checklist).toBeVisible({ timeout: 30_000 });
  await expect(checklist.getByTestId('onboarding-portalAddress')).toHaveAttribute('data-done', 'false');
  await expectNoSeriousA11yViolations(page, 'console home with the first-run checklist');
  await snap(page, '61-console-first-run-checklist');

  // Each other step from real data: a customer and contact, a published article (mail: the server's relay).
  await createContactViaApi(context.request, session, { firstName: 'Check', lastName: 'List', company: `Checklist Co ${Date.now()}` });
  const article = await context.request.post('/api/v1/kb/articles', {
    headers,
    data: { status: 'published', translations: { en: { title: 'Connect to the office Wi-Fi', body: 'Pick **Office** and sign in.' } } },
  });
  expect(article.ok(), await article.text()).toBeTruthy();
  await page.reload();
  for (const key of ['mail', 'customer', 'contact', 'kbArticle']) {
    await expect(checklist.getByTestId(`onboarding-${key}`)).toHaveAttribute('data-done', 'true');
  }
  await expect(checklist.getByText('4 of 5 done').first()).toBeVisible();

  await checklist.getByRole('button', { name: 'Copy the portal address' }).click();
  await expect(checklist).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Tickets', level: 1 })).toBeVisible();
  await expect(checklist).toHaveCount(0);
  expect((await onboardingOf(context.request)).complete).toBe(true);
  await context.close();
});
