import { generateKeyPairSync } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { adminWithSelfService, createContactViaApi, signInContactViaApi, awaitSmsCode } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { snap } from './support/screens';

/**
 * Issue 12 console pages (SS-5, SS-6, SS-7), driven by an admin in the browser: a package added
 * from the starter list, a test SMS that lands in the SMS outbox, a contact's verified phone
 * cleared, the kill switch cancelling a queued request and the audit log listing every step.
 * The contact, their device, phone and pending action are seeded through the API.
 */
test('console: software catalogue, SMS outbox, clear phone, kill switch, audit log', async ({ browser }) => {
  test.setTimeout(180_000);
  const slow = { timeout: 30_000 };
  const { admin, session, headers } = await adminWithSelfService(browser);
  // Another spec may have paused self-service: actions must be possible to seed one.
  expect((await admin.request.patch('/api/v1/settings/self-service', { headers, data: { paused: false } })).ok()).toBeTruthy();

  const stamp = Date.now();
  const { customerId, contact, credentials } = await createContactViaApi(admin.request, session, { firstName: 'Anna', lastName: 'Verdi', company: `Verdi Sas ${stamp}`, language: 'en' });

  // A device enrols as an agent would and is assigned to Anna; she verifies her phone and asks for a restart.
  const token = ((await (await admin.request.post('/api/v1/enrolment-tokens', { headers, data: { customerId } })).json()) as { token: string }).token;
  const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x;
  const inventory = { hostname: `VERDI-${stamp}`, os: 'windows', osVersion: '11 Pro', arch: 'x64', loggedInUser: 'anna', serial: null, agentVersion: '0.1.0', uptimeSeconds: 60, disks: [] };
  const enrol = await admin.request.post('/api/v1/agent/enrol', { data: { token, publicKey, inventory } });
  expect(enrol.ok(), await enrol.text()).toBeTruthy();
  const deviceId = ((await enrol.json()) as { deviceId: string }).deviceId;
  expect((await admin.request.patch(`/api/v1/devices/${deviceId}`, { headers, data: { contactIds: [contact.id] } })).ok()).toBeTruthy();

  const portal = await browser.newContext();
  const contactSession = await signInContactViaApi(portal.request, credentials);
  const portalHeaders = { 'x-csrf-token': contactSession.csrfToken };
  const e164 = `+44791177${String(stamp % 10_000).padStart(4, '0')}`;
  expect((await portal.request.post('/api/v1/portal/phone', { headers: portalHeaders, data: { phone: e164 } })).ok()).toBeTruthy();
  const code = await awaitSmsCode(admin, e164, 'phone-code');
  const verified = await portal.request.post('/api/v1/portal/phone/verify', { headers: portalHeaders, data: { code } });
  expect(verified.ok(), await verified.text()).toBeTruthy();
  const requested = await portal.request.post(`/api/v1/portal/devices/${deviceId}/actions`, { headers: portalHeaders, data: { action: 'restart' } });
  expect(requested.ok(), await requested.text()).toBeTruthy();

  const page = await admin.newPage();
  const open = async (p: Page, path: string, heading: string) => {
    await p.goto(path);
    await expect(p.getByRole('heading', { level: 1, name: heading })).toBeVisible(slow);
  };

  await test.step('Software: a package picked from the starter list joins the catalogue', async () => {
    await open(page, '/console/settings/software', 'Software');
    // Empty catalogue: the page header and the empty state both offer the picker.
    await page.getByRole('button', { name: 'Pick from the starter list' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Starter list' });
    await expect(dialog.getByRole('listitem')).not.toHaveCount(0, slow);
    expect(await dialog.getByRole('listitem').count()).toBeGreaterThanOrEqual(50);
    await dialog.getByLabel('Search the starter list').fill('notepad');
    await expect(dialog.getByRole('listitem')).toHaveCount(1);
    await dialog.getByRole('button', { name: 'Add Notepad++' }).click();
    await expect(dialog.getByText('In the catalogue')).toBeVisible(slow);
    await expectNoSeriousA11yViolations(page, 'starter list');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    const row = page.getByRole('row', { name: /Notepad\+\+/ });
    await expect(row).toBeVisible(slow);
    await expect(row).toContainText('notepadplusplus');
    await expect(row).toContainText('Windows');
    // Issue 13 item 6: the starter aliases came along, and the admin edits them.
    await expect(row).toContainText('notepad plus plus');
    await snap(page, '50-console-software');
    await row.getByRole('button', { name: 'More actions for Notepad++' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const form = page.getByRole('dialog', { name: 'Edit package' });
    const aliases = form.getByRole('combobox', { name: 'Other names' });
    await aliases.fill('npp editor');
    await aliases.press('Enter');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden(slow);
    await expect(row).toContainText('npp editor', slow);
  });

  await test.step('SMS: a test SMS without a provider lands in the SMS outbox', async () => {
    await open(page, '/console/settings/sms', 'SMS');
    await expect(page.getByRole('radio', { name: 'None (SMS outbox)' })).toBeChecked();
    const testTo = `+44791188${String(stamp % 10_000).padStart(4, '0')}`;
    await page.getByLabel('Mobile number').fill(testTo);
    await page.getByRole('button', { name: 'Send test SMS' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'the test SMS is in the SMS outbox' })).toBeVisible(slow);
    await expectNoSeriousA11yViolations(page, 'SMS settings');
    await open(page, '/console/sms', 'SMS outbox');
    const row = page.getByRole('row', { name: new RegExp(testTo.replace('+', '\\+')) });
    await expect(row).toContainText('Test', slow);
    await expect(row).toContainText('In outbox');
    await expectNoSeriousA11yViolations(page, 'SMS outbox');
    await snap(page, '52-console-sms-outbox');
  });

  await test.step('Contact page: the verified phone is shown and cleared after confirming', async () => {
    await open(page, `/console/contacts/${contact.id}`, 'Anna Verdi');
    const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Self-service phone' }) });
    await expect(card.getByText(e164)).toBeVisible(slow);
    await card.getByRole('button', { name: 'Clear phone number' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clear the phone number?' });
    await expect(dialog).toContainText('Anna Verdi will have to enter and confirm a mobile number again');
    await dialog.getByRole('button', { name: 'Clear phone number' }).click();
    await expect(dialog).toBeHidden(slow);
    await expect(card.getByText('No verified number')).toBeVisible(slow);
    expect(await (await portal.request.get('/api/v1/portal/phone')).json()).toEqual({ phone: null, verified: false });
  });

  await test.step('Kill switch: cancelling all queued actions reports how many', async () => {
    await open(page, '/console/settings/self-service', 'Self-service');
    await page.getByRole('button', { name: 'Cancel all queued actions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel all queued actions?' });
    await expectNoSeriousA11yViolations(page, 'kill switch dialog');
    await dialog.getByRole('button', { name: 'Cancel them all' }).click();
    const status = page.getByRole('status').filter({ hasText: 'requests waiting for a code' });
    await expect(status).toBeVisible(slow);
    const cancelled = Number(/requests waiting for a code: (\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? '0');
    expect(cancelled).toBeGreaterThanOrEqual(1);
    await snap(page, '53-console-kill-switch');
    const actions = (await (await portal.request.get('/api/v1/portal/actions')).json()) as { items: { deviceId: string; status: string }[] };
    expect(actions.items.find((a) => a.deviceId === deviceId)?.status).toBe('cancelled');
  });

  await test.step('Audit log: every step is listed and the chain verifies', async () => {
    await open(page, '/console/audit', 'Audit log');
    await expect(page.getByRole('status').filter({ hasText: 'Chain verified' })).toBeVisible(slow);
    const table = page.getByRole('table', { name: 'Audit log' });
    await expect(table.getByText('All queued actions cancelled').first()).toBeVisible(slow);
    await expect(table.getByText('Phone cleared').first()).toBeVisible();
    await expect(table.getByText('1 · Requested').first()).toBeVisible();
    await page.getByRole('textbox', { name: 'Concerns' }).fill(`contact:${contact.id}`);
    await expect(table.getByRole('row')).toHaveCount(3, slow); // header, phone verified, phone cleared
    await expect(table.getByText('Phone verified')).toBeVisible();
    // The rows name the contact, not only their id.
    await expect(table.getByText('Anna Verdi').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'audit log');
    await snap(page, '51-console-audit');
  });
});
