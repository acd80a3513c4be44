import fs from 'node:fs';
import path from 'node:path';
import { expect, type Response, test } from '@playwright/test';
import { adminWithSelfService, createContactViaApi, signInContactViaApi, awaitSms, awaitSmsCode, smsSentTo } from './support/api';
import { startDryRunAgent } from './support/agent';

/**
 * Issue 12 item 9 (SS-4, SS-5, SS-6, SS-7) with a real agent process (apps/agent, dry-run
 * executor, reporting as a Windows PC whose console user is "giulia"): an Italian contact
 * installs a catalogue package and resets her password from the portal, each confirmed by SMS
 * code. The agent records the Chocolatey and `net user` vectors it would have run; the
 * temporary password reaches the SMS outbox (the tenant has no SMS provider) and never the
 * browser. A package outside the catalogue, or not for Windows, is refused with an Italian error.
 * The technician's device page, open meanwhile, follows each command live.
 */
test('self-service with a real agent: install-software and reset-password; the temporary password never reaches the browser', async ({ browser }) => {
  test.setTimeout(300_000);
  const slow = { timeout: 60_000 };
  const { admin, session, headers } = await adminWithSelfService(browser);
  const stamp = Date.now();
  const { customerId, contact, credentials } = await createContactViaApi(admin.request, session, { firstName: 'Giulia', lastName: 'Verdi', company: `Verdi Sas ${stamp}`, language: 'it' });

  // The catalogue: one package for Windows (and macOS), one for macOS only.
  const chrome = await admin.request.post('/api/v1/software', { headers, data: { name: `Google Chrome ${stamp}`, chocolateyId: 'googlechrome', homebrewCask: 'google-chrome' } });
  expect(chrome.ok(), await chrome.text()).toBeTruthy();
  const macOnly = await admin.request.post('/api/v1/software', { headers, data: { name: `Rectangle ${stamp}`, homebrewCask: 'rectangle' } });
  expect(macOnly.ok(), await macOnly.text()).toBeTruthy();
  const macOnlyId = ((await macOnly.json()) as { id: string }).id;

  const token = ((await (await admin.request.post('/api/v1/enrolment-tokens', { headers, data: { customerId } })).json()) as { token: string }).token;
  const agent = startDryRunAgent(token, { os: 'windows', user: 'giulia' });
  const { recorded, stateDir } = agent;

  try {
    const devices = await admin.request.get('/api/v1/devices', { params: { customerId, page: 1, pageSize: 10 } });
    const device = ((await devices.json()) as { items: { id: string; hostname: string; os: string }[] }).items[0];
    expect(device, await devices.text()).toMatchObject({ os: 'windows' });
    const deviceId = device?.id ?? '';
    const hostname = device?.hostname ?? '';
    expect((await admin.request.patch(`/api/v1/devices/${deviceId}`, { headers, data: { contactIds: [contact.id] } })).ok()).toBeTruthy();

    // The technician's device page, open all along: its command history moves by itself.
    const consolePage = await admin.newPage();
    await consolePage.goto(`/console/devices/${deviceId}`);
    await expect(consolePage.getByRole('heading', { name: hostname })).toBeVisible(slow);

    const context = await browser.newContext({ locale: 'it-IT' });
    const page = await context.newPage();
    const contactSession = await signInContactViaApi(context.request, credentials);
    const portalHeaders = { 'x-csrf-token': contactSession.csrfToken };
    const e164 = `+39333777${String(stamp % 10_000).padStart(4, '0')}`;
    const latestSms = (kind: string, pattern: RegExp) => awaitSms(admin, e164, kind, { pattern });
    expect((await context.request.post('/api/v1/portal/phone', { headers: portalHeaders, data: { phone: e164 } })).ok()).toBeTruthy();
    const verified = await context.request.post('/api/v1/portal/phone/verify', { headers: portalHeaders, data: { code: (await latestSms('phone-code', /\b(\d{6})\b/)).secret } });
    expect(verified.ok(), await verified.text()).toBeTruthy();

    // Every answer the contact's browser receives (the live stream aside: it carries ids only and never ends).
    const bodies: Promise<string>[] = [];
    page.on('response', (r: Response) => {
      if (String(r.headers()['content-type'] ?? '').startsWith('text/event-stream')) return;
      bodies.push(r.text().catch(() => ''));
    });

    /** Opens the device's action menu, picks `label`, and runs the dialog up to the code (the code of that action, read from the SMS outbox). */
    const startAction = async (label: string, before: () => Promise<void> = async () => undefined) => {
      await page.goto('/devices');
      await expect(page.getByText('Online', { exact: true })).toBeVisible(slow);
      await page.getByRole('button', { name: `Azioni per ${hostname}` }).click();
      await page.getByRole('menuitem', { name: label }).click();
      const dialog = page.getByRole('dialog', { name: new RegExp(label) });
      await expect(dialog).toBeVisible(slow);
      await before();
      const seen = (await smsSentTo(admin, e164, 'action-code')).length;
      await dialog.getByRole('button', { name: 'Continua' }).click(slow);
      await expect(dialog.getByText(/Ti abbiamo inviato per SMS un codice di 6 cifre/)).toBeVisible(slow);
      await dialog.getByLabel('Codice di 6 cifre').fill(await awaitSmsCode(admin, e164, 'action-code', seen));
      await dialog.getByRole('button', { name: 'Conferma' }).click();
      return dialog;
    };

    await test.step('install-software: only the catalogue packages for Windows are offered; the agent records the Chocolatey vector', async () => {
      const dialog = await startAction('Installa software', async () => {
        const dialog = page.getByRole('dialog');
        await dialog.getByPlaceholder('Scegli il software').click({ timeout: 15_000 });
        await expect(page.getByRole('option', { name: `Google Chrome ${stamp}` })).toBeVisible(slow);
        await expect(page.getByRole('option', { name: `Rectangle ${stamp}` })).toHaveCount(0);
        await page.getByRole('option', { name: `Google Chrome ${stamp}` }).click();
      });
      await expect(dialog.getByTestId('action-status'), agent.output()).toHaveText('Completato', slow);
      expect(recorded().find((l) => l.action === 'install-software')?.argv).toEqual(['choco', 'install', 'googlechrome', '-y', '--no-progress']);
      // Followed live on the console's device page (its fallback poll is 30 s; the stream is faster).
      await expect(consolePage.getByText('dry-run: choco install googlechrome -y --no-progress')).toBeVisible({ timeout: 15_000 });
      await page.keyboard.press('Escape');
    });

    await test.step('a package outside the catalogue, or not for this OS, is refused by the server in Italian', async () => {
      const outside = await context.request.post(`/api/v1/portal/devices/${deviceId}/actions`, { headers: portalHeaders, data: { action: 'install-software', packageId: '00000000-0000-4000-8000-0000000000aa' } });
      expect(outside.status()).toBe(404);
      expect(await outside.json()).toEqual({ error: { code: 'SOFTWARE_PACKAGE_NOT_FOUND', message: 'Pacchetto software non trovato.' } });
      const notForOs = await context.request.post(`/api/v1/portal/devices/${deviceId}/actions`, { headers: portalHeaders, data: { action: 'install-software', packageId: macOnlyId } });
      expect(notForOs.status()).toBe(400);
      expect(await notForOs.json()).toEqual({ error: { code: 'SOFTWARE_NOT_FOR_OS', message: 'Questo pacchetto non si può installare sul sistema operativo di questo computer.' } });
      // Nothing was sent to the device for either.
      expect(recorded().filter((l) => l.action === 'install-software')).toHaveLength(1);
    });

    await test.step('reset-password: the temporary password goes to the SMS outbox only; the browser never sees it', async () => {
      const dialog = await startAction('Reimposta password');
      await expect(dialog.getByTestId('action-status'), agent.output()).toHaveText('Completato', slow);
      await expect(dialog.getByText('La password temporanea ti è stata inviata per SMS.')).toBeVisible();
      const { body: sms, secret: password } = await latestSms('temporary-password', /è ([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})\. Cambiala/);
      expect(password, sms).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
      expect(sms).toContain(`la password temporanea di giulia su ${hostname}`);
      // The agent ran `net user giulia <password>`; its record keeps the password out.
      const line = recorded().find((l) => l.action === 'reset-password');
      expect(line?.argv).toEqual(['net', 'user', 'giulia', '<redacted>']);
      expect(fs.readFileSync(path.join(stateDir, 'dry-run.jsonl'), 'utf8')).not.toContain(password);
      // Not in the page, not in any answer the browser received, not in the contact's API views.
      expect(await page.content()).not.toContain(password);
      const received = await Promise.all(bodies);
      expect(received.length).toBeGreaterThan(5);
      for (const body of received) expect(body).not.toContain(password);
      const actions = await (await context.request.get('/api/v1/portal/actions')).text();
      expect(actions).toContain('reset-password');
      expect(actions).not.toContain(password);
    });
  } finally {
    agent.stop();
  }
});
