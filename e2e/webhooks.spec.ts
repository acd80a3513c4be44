import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { type ReceivedHook, verifyStandardWebhook } from '../apps/server/src/test/webhook-receiver';
import { createContactViaApi, signInAdminViaApi } from './support/api';
import { snap } from './support/screens';

/**
 * Issue 15 item 1 (P-2): an admin adds a webhook endpoint in Admin > Webhooks, copies the
 * signing secret shown once, sends a test, sees a real event (a contact created) arrive at a
 * receiver on loopback with a Standard Webhooks signature this spec verifies with that secret,
 * sends a delivery again (same id, same bytes), then disables and deletes the endpoint.
 * The e2e server allows private targets (PORTA_ALLOW_PRIVATE_TARGETS) for this receiver.
 */
const received: ReceivedHook[] = [];
let server: http.Server;
let url = '';

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/porta-hooks-${Date.now()}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const ofType = (type: string) => received.filter((h) => (JSON.parse(h.raw) as { type: string }).type === type);

test('an admin adds a webhook endpoint; test and real events arrive signed; send again repeats the same message', async ({ browser }) => {
  test.setTimeout(120_000);
  const slow = { timeout: 20_000 };
  const context = await browser.newContext();
  const session = await signInAdminViaApi(context.request);
  const page = await context.newPage();
  let secret = '';

  await test.step('Admin > Webhooks starts empty; the dialog creates an endpoint and shows its secret once', async () => {
    await page.goto('/console/settings/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible(slow);
    await expect(page.getByText('No webhook endpoints yet')).toBeVisible();
    await page.getByRole('button', { name: 'New endpoint' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New webhook endpoint' });
    await dialog.getByRole('button', { name: 'Create endpoint' }).click();
    await expect(dialog.getByText('Choose at least one event to send.')).toBeVisible();
    await dialog.getByLabel('URL').fill(url);
    await dialog.getByLabel('Description').fill('CRM sync');
    await dialog.getByLabel('Contact created').check();
    await dialog.getByLabel('Ticket created').check();
    await dialog.getByRole('button', { name: 'Create endpoint' }).click();
    const shown = page.getByRole('dialog', { name: 'Signing secret' });
    secret = (await shown.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await snap(page, 'webhooks-secret');
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('link', { name: url })).toBeVisible();
    await expect(page.getByText('CRM sync')).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);
  });

  await test.step('send test: the receiver gets a signed webhook.test, the log says delivered with 200', async () => {
    await page.getByRole('link', { name: url }).click();
    await expect(page.getByRole('heading', { name: 'Delivery log' })).toBeVisible();
    await expect(page.getByText('No deliveries yet')).toBeVisible();
    await page.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => ofType('webhook.test').length, slow).toBe(1);
    const hook = ofType('webhook.test')[0] as ReceivedHook;
    expect(verifyStandardWebhook(secret, hook)).toBe(true);
    expect(verifyStandardWebhook(`whsec_${Buffer.from('not the secret at all, 32 bytes!').toString('base64')}`, hook)).toBe(false);
    const row = page.getByRole('row', { name: /Test event/ });
    await expect(row.getByText('Delivered')).toBeVisible(slow);
    await expect(row.getByRole('cell', { name: '200', exact: true })).toBeVisible();
  });

  await test.step('a contact created through the API reaches the endpoint as contact.created, signed', async () => {
    const created = await createContactViaApi(context.request, session, { firstName: 'Wanda', lastName: 'Hook', company: `Hook Ltd ${Date.now()}` });
    await expect.poll(() => ofType('contact.created').length, slow).toBe(1);
    const hook = ofType('contact.created')[0] as ReceivedHook;
    expect(verifyStandardWebhook(secret, hook)).toBe(true);
    const body = JSON.parse(hook.raw) as { data: { contact: Record<string, unknown> } };
    expect(body.data.contact).toMatchObject({ id: created.contact.id, firstName: 'Wanda', lastName: 'Hook' });
    expect(hook.raw).not.toContain(created.credentials.password);
    await page.reload();
    await expect(page.getByRole('row', { name: /Contact created/ }).getByText('Delivered')).toBeVisible(slow);
  });

  await test.step('send again: the same message id and the same bytes, signed again', async () => {
    const row = page.getByRole('row', { name: /Contact created/ });
    await row.getByRole('button', { name: /^Send msg_[0-9a-f]+ again$/ }).click();
    await expect.poll(() => ofType('contact.created').length, slow).toBe(2);
    const [first, again] = ofType('contact.created') as [ReceivedHook, ReceivedHook];
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(again.raw).toBe(first.raw);
    expect(verifyStandardWebhook(secret, again)).toBe(true);
    await expect(row.getByRole('cell', { name: '2', exact: true })).toBeVisible(slow);
    await snap(page, 'webhooks-deliveries');
  });

  await test.step('disable, then delete the endpoint', async () => {
    await page.getByRole('link', { name: 'All webhooks' }).click();
    await page.getByRole('button', { name: `More actions for ${url}` }).click();
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    await expect(page.getByRole('row', { name: new RegExp(url) }).getByText('Disabled')).toBeVisible(slow);
    await page.getByRole('button', { name: `More actions for ${url}` }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete endpoint' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('No webhook endpoints yet')).toBeVisible(slow);
  });
  await context.close();
});
