import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { adminWithSelfService, createContactViaApi, signInContactViaApi, awaitSmsCode } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { startDryRunAgent } from './support/agent';
import { snap } from './support/screens';

/**
 * Issue 12 item 9 (SS-3, SS-6): an Italian contact opens "I miei dispositivi", picks "Riavvia" on
 * their computer, enrols a mobile number (SMS code read from the console's SMS outbox), confirms
 * the action with the second SMS code and sees the live progress: the device is offline, so the
 * command waits as queued. Every step is done with the keyboard-accessible dialog, 0 axe violations.
 */
test('self-service: phone enrolment, action code, live progress of a restart (device offline)', async ({ browser }) => {
  test.setTimeout(180_000);
  const slow = { timeout: 30_000 };
  const { admin, headers } = await adminWithSelfService(browser);

  const stamp = Date.now();
  const customer = await admin.request.post('/api/v1/customers', { headers, data: { name: `Rossi Srl ${stamp}` } });
  expect(customer.ok(), await customer.text()).toBeTruthy();
  const customerId = ((await customer.json()) as { id: string }).id;
  const created = await admin.request.post('/api/v1/contacts', {
    headers,
    data: { customerId, firstName: 'Giulia', lastName: 'Rossi', email: `giulia.rossi.${stamp}@example.com`, language: 'it' },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const { contact, credentials } = (await created.json()) as { contact: { id: string }; credentials: { username: string; password: string } };

  // A device enrols as an agent would (its own Ed25519 key), then a technician assigns it to Giulia.
  const token = await admin.request.post('/api/v1/enrolment-tokens', { headers, data: { customerId } });
  expect(token.ok(), await token.text()).toBeTruthy();
  const { publicKey } = generateKeyPairSync('ed25519');
  const rawKey = publicKey.export({ format: 'jwk' }).x;
  const hostname = `UFFICIO-${stamp}`;
  const enrol = await admin.request.post('/api/v1/agent/enrol', {
    data: {
      token: ((await token.json()) as { token: string }).token,
      publicKey: rawKey,
      inventory: { hostname, os: 'windows', osVersion: '11 Pro 23H2', arch: 'x64', loggedInUser: 'giulia', serial: null, agentVersion: '0.1.0', uptimeSeconds: 3600, disks: [] },
    },
  });
  expect(enrol.ok(), await enrol.text()).toBeTruthy();
  const deviceId = ((await enrol.json()) as { deviceId: string }).deviceId;
  const assign = await admin.request.patch(`/api/v1/devices/${deviceId}`, { headers, data: { contactIds: [contact.id] } });
  expect(assign.ok(), await assign.text()).toBeTruthy();

  const phoneNumber = '+39 333 555 ' + String(stamp % 10_000).padStart(4, '0');
  const e164 = phoneNumber.replace(/\s/g, '');
  const latestCode = (kind: string, after: number) => awaitSmsCode(admin, e164, kind, after);

  const context = await browser.newContext({ locale: 'it-IT' });
  const page = await context.newPage();
  await signInContactViaApi(context.request, credentials);

  await test.step('"I miei dispositivi" offers the actions of the device', async () => {
    await page.goto('/devices');
    await expect(page.getByText(hostname)).toBeVisible(slow);
    const menu = page.getByRole('button', { name: `Azioni per ${hostname}` });
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Riavvia' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'device actions menu');
    await page.getByRole('menuitem', { name: 'Riavvia' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`${hostname} verrà riavviato`);
    await dialog.getByRole('button', { name: 'Continua' }).click();
  });

  await test.step('without a verified number the phone enrolment comes first', async () => {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Numero di cellulare').fill(phoneNumber);
    await expectNoSeriousA11yViolations(page, 'phone enrolment dialog');
    await dialog.getByRole('button', { name: 'Invia codice' }).click();
    await expect(dialog.getByText(`Abbiamo inviato un codice di 6 cifre a ${e164}`)).toBeVisible(slow);
    const code = await latestCode('phone-code', 0);
    await dialog.getByLabel('Codice di 6 cifre').fill(code);
    await dialog.getByRole('button', { name: 'Verifica numero' }).click();
  });

  await test.step('the action code arrives by SMS; confirming it queues the command and shows the progress', async () => {
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('Ti abbiamo inviato per SMS un codice di 6 cifre')).toBeVisible(slow);
    const phoneState = await context.request.get('/api/v1/portal/phone');
    expect(await phoneState.json()).toEqual({ phone: e164, verified: true });
    const code = await latestCode('action-code', 0);
    // A wrong code is refused with the localised error, and nothing is sent to the device.
    const wrong = code === '000000' ? '111111' : '000000';
    await dialog.getByLabel('Codice di 6 cifre').fill(wrong);
    await dialog.getByRole('button', { name: 'Conferma' }).click();
    await expect(dialog.getByRole('alert')).toBeVisible(slow);
    await dialog.getByLabel('Codice di 6 cifre').fill(code);
    await dialog.getByRole('button', { name: 'Conferma' }).click();
    await expect(dialog.getByTestId('action-status')).toHaveText('In coda', slow);
    await expect(dialog.getByText('Lo stato si aggiorna da solo.')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'action progress dialog');
    await snap(page, '40-self-service-progress');

    const actions = await context.request.get('/api/v1/portal/actions');
    const items = ((await actions.json()) as { items: { deviceId: string; action: string; status: string; command: { status: string } | null }[] }).items;
    expect(items.find((a) => a.deviceId === deviceId)).toMatchObject({ action: 'restart', status: 'confirmed', command: { status: 'queued' } });
    // Closing ends the live stream; the device page stays usable with the keyboard.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  await test.step('a refresh of the device list that fails keeps the list and the dialog open on it', async () => {
    // The list polls every 15 s; a poll that fails (after its retries) must not take the
    // device, its menu and a dialog the contact is in away.
    let failed = 0;
    await page.route('**/api/v1/portal/devices', (route) => {
      failed += 1;
      return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Servizio non disponibile.' } }) });
    });
    await page.getByRole('button', { name: `Azioni per ${hostname}` }).click();
    await page.getByRole('menuitem', { name: 'Blocca' }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Blocca: ${hostname}`) });
    await expect(dialog).toBeVisible();
    // The poll and its two retries.
    await expect.poll(() => failed, { timeout: 45_000 }).toBeGreaterThanOrEqual(3);
    // The third failure reaches the page within milliseconds; a second is plenty before looking.
    await page.waitForTimeout(1000);
    await expect(dialog.getByRole('button', { name: 'Continua' })).toBeVisible();
    await page.unroute('**/api/v1/portal/devices');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByText(hostname)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Riprova' })).toHaveCount(0);
  });
});

/**
 * Issue 12 item 9 all the way: a real agent process (apps/agent, dry-run executor) enrols and
 * connects; the contact restarts it from the portal with the SMS code and sees "Completato" once
 * the agent has run the signed command (its dry-run.jsonl holds the argv it would have executed).
 */
test('self-service with a real agent: restart confirmed by SMS code runs on the device and shows as done', async ({ browser }) => {
  test.setTimeout(240_000);
  const slow = { timeout: 60_000 };
  const { admin, session, headers } = await adminWithSelfService(browser);
  const stamp = Date.now();
  const { customerId, contact, credentials } = await createContactViaApi(admin.request, session, { firstName: 'Marco', lastName: 'Bianchi', company: `Bianchi Spa ${stamp}`, language: 'it' });
  const token = ((await (await admin.request.post('/api/v1/enrolment-tokens', { headers, data: { customerId } })).json()) as { token: string }).token;

  const agent = startDryRunAgent(token);
  try {
    const devices = await admin.request.get('/api/v1/devices', { params: { customerId, page: 1, pageSize: 10 } });
    const device = ((await devices.json()) as { items: { id: string; hostname: string }[] }).items[0];
    expect(device, await devices.text()).toBeTruthy();
    const deviceId = device?.id ?? '';
    expect((await admin.request.patch(`/api/v1/devices/${deviceId}`, { headers, data: { contactIds: [contact.id] } })).ok()).toBeTruthy();

    const context = await browser.newContext({ locale: 'it-IT' });
    const page = await context.newPage();
    const contactSession = await signInContactViaApi(context.request, credentials);
    const portalHeaders = { 'x-csrf-token': contactSession.csrfToken };
    const e164 = `+39333666${String(stamp % 10_000).padStart(4, '0')}`;
    const smsCode = (kind: string) => awaitSmsCode(admin, e164, kind);
    // The number is enrolled through the API here (the first test covers the dialog).
    expect((await context.request.post('/api/v1/portal/phone', { headers: portalHeaders, data: { phone: e164 } })).ok()).toBeTruthy();
    const verified = await context.request.post('/api/v1/portal/phone/verify', { headers: portalHeaders, data: { code: await smsCode('phone-code') } });
    expect(verified.ok(), await verified.text()).toBeTruthy();

    await page.goto('/devices');
    await expect(page.getByText('Online', { exact: true })).toBeVisible(slow);
    await page.getByRole('button', { name: `Azioni per ${device?.hostname ?? ''}` }).click();
    await page.getByRole('menuitem', { name: 'Riavvia' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Continua' }).click();
    await expect(dialog.getByText('Ti abbiamo inviato per SMS un codice di 6 cifre')).toBeVisible(slow);
    await dialog.getByLabel('Codice di 6 cifre').fill(await smsCode('action-code'));
    await dialog.getByRole('button', { name: 'Conferma' }).click();
    await expect(dialog.getByTestId('action-status'), agent.output()).toHaveText('Completato', slow);
    await expect(dialog.getByText('Lo stato si aggiorna da solo.')).toBeHidden();
    await snap(page, '41-self-service-done');

    const lines = agent.recorded();
    expect(lines.find((l) => l.action === 'restart')?.argv).toEqual(['systemctl', 'reboot']);
  } finally {
    agent.stop();
  }
});
