import { type APIRequestContext, expect, test } from '@playwright/test';
import { adminWithSelfService, createContactViaApi, patchPortalSettingsViaApi, signInContactViaApi, awaitSmsCode, smsSentTo } from './support/api';
import { startDryRunAgent } from './support/agent';

/**
 * Issue 13 item 5 with a real agent process (dry run): the customer's restart needs a primary
 * contact's approval. A non-primary contact asks the assistant to restart; the card waits for
 * approval; the primary contact approves on the portal home; the requester's card turns into
 * "Restart … now?", they confirm, type the SMS code; the agent receives the signed command and
 * the card shows "Done".
 */
test('approval: a colleague asks the assistant to restart, a primary contact approves in the portal, the code runs it', async ({ browser }) => {
  test.setTimeout(300_000);
  const slow = { timeout: 60_000 };
  const { admin, session, headers } = await adminWithSelfService(browser);
  await patchPortalSettingsViaApi(admin.request, session, { sections: { assistant: { mode: 'all', customerIds: [] } }, assistant: { createsTicket: false } });
  const stamp = Date.now();
  const { customerId, contact, credentials } = await createContactViaApi(admin.request, session, { firstName: 'Rita', lastName: 'Requester', company: `Approvals Ltd ${stamp}`, language: 'en' });
  const boss = await admin.request.post('/api/v1/contacts', { headers, data: { customerId, firstName: 'Paula', lastName: 'Primary', email: `paula.${stamp}@example.com`, language: 'en', isPrimary: true } });
  expect(boss.ok(), await boss.text()).toBeTruthy();
  const bossCredentials = ((await boss.json()) as { credentials: { username: string; password: string } }).credentials;
  const policy = await admin.request.put(`/api/v1/customers/${customerId}/action-policies`, { headers, data: { overrides: { restart: 'approval' } } });
  expect(policy.ok(), await policy.text()).toBeTruthy();

  const token = ((await (await admin.request.post('/api/v1/enrolment-tokens', { headers, data: { customerId } })).json()) as { token: string }).token;
  const agent = startDryRunAgent(token, { os: 'windows', user: 'rita' });
  const recorded = agent.recorded;

  try {
    const devices = await admin.request.get('/api/v1/devices', { params: { customerId, page: 1, pageSize: 10 } });
    const device = ((await devices.json()) as { items: { id: string; hostname: string; os: string }[] }).items[0];
    expect(device, await devices.text()).toMatchObject({ os: 'windows' });
    const hostname = device?.hostname ?? '';
    expect((await admin.request.patch(`/api/v1/devices/${device?.id ?? ''}`, { headers, data: { contactIds: [contact.id] } })).ok()).toBeTruthy();

    const e164 = `+39333777${String(stamp % 10_000).padStart(4, '0')}`;
    const codeFromOutbox = (kind: string, seen: number) => awaitSmsCode(admin, e164, kind, seen);
    const actionCodes = async (request: APIRequestContext) => (await smsSentTo({ request }, e164, 'action-code')).length;

    const requester = await browser.newContext({ locale: 'en-GB' });
    const page = await requester.newPage();
    const requesterSession = await signInContactViaApi(requester.request, credentials);
    const portalHeaders = { 'x-csrf-token': requesterSession.csrfToken };
    expect((await requester.request.post('/api/v1/portal/phone', { headers: portalHeaders, data: { phone: e164 } })).ok()).toBeTruthy();
    expect((await requester.request.post('/api/v1/portal/phone/verify', { headers: portalHeaders, data: { code: await codeFromOutbox('phone-code', 0) } })).ok()).toBeTruthy();

    await test.step('the requester asks the assistant; the card waits for approval and no code is sent', async () => {
      await page.goto('/assistant');
      const composer = page.getByRole('textbox', { name: 'Your message' });
      await composer.fill('please restart my computer');
      await composer.press('Enter');
      const card = page.getByTestId('action-card');
      await expect(card).toBeVisible(slow);
      await expect(card.getByTestId('awaiting-approval')).toBeVisible(slow);
      await expect(page.getByRole('list', { name: 'Conversation' }).getByText(/needs the approval of a primary contact/)).toBeVisible(slow);
      expect(await actionCodes(admin.request)).toBe(0);
    });

    const approver = await browser.newContext({ locale: 'en-GB' });
    try {
      await test.step('the primary contact sees the approval on the portal home and approves it', async () => {
        const bossPage = await approver.newPage();
        await signInContactViaApi(approver.request, bossCredentials);
        await bossPage.goto('/');
        const list = bossPage.getByTestId('pending-approvals');
        await expect(list.getByRole('heading', { name: 'Approvals waiting for you' })).toBeVisible(slow);
        const item = list.getByTestId('approval-item').filter({ hasText: hostname });
        await expect(item.getByText(`Rita Requester: Restart on ${hostname}`)).toBeVisible();
        await item.getByRole('textbox', { name: /Reason/ }).fill('Go ahead');
        await item.getByRole('button', { name: 'Approve' }).click();
        await expect(list).toBeHidden(slow);
      });
    } finally {
      await approver.close();
    }

    await test.step('the requester card turns to the confirmation live; the code is sent; the agent restarts', async () => {
      const card = page.getByTestId('action-card');
      await expect(card.getByTestId('approval-approved')).toContainText('Approved by Paula Primary', slow);
      await card.getByRole('button', { name: 'Yes, send me the code' }).click();
      await expect(card.getByText(/We sent a 6-digit code/)).toBeVisible(slow);
      expect(recorded()).toHaveLength(0);
      await card.getByLabel('6-digit code').fill(await codeFromOutbox('action-code', 0));
      await card.getByRole('button', { name: 'Confirm' }).click();
      await expect(card.getByTestId('action-status'), agent.output()).toHaveText('Done', slow);
      expect(recorded().find((l) => l.action === 'restart'), agent.output()).toMatchObject({ argv: ['shutdown', '/r', '/t', '0'] });
    });
  } finally {
    agent.stop();
  }
});
