import { expect, test } from '@playwright/test';
import { adminWithSelfService, createContactViaApi, patchPortalSettingsViaApi, signInAdminViaApi, signInContactViaApi, awaitSmsCode } from './support/api';
import { startDryRunAgent } from './support/agent';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Issue 13 (AI-1, AI-3, AI-6) with a real agent process (apps/agent, dry-run executor, as a
 * Windows PC): an Italian contact asks the assistant in the portal to restart their PC. The
 * reply streams in with an action card; the SMS code (read from the outbox: the tenant has no
 * SMS provider) goes into the card; the agent records the signed command it would have run;
 * the card's progress reaches "Completato". With "the assistant creates a ticket" on, the
 * session's ticket holds the transcript and the action with its result.
 */
test('assistant: "riavvia il mio PC" → action card → SMS code → the agent restarts (dry run) → the session ticket shows it all', async ({ browser }) => {
  test.setTimeout(300_000);
  const slow = { timeout: 60_000 };
  const { admin, session, headers } = await adminWithSelfService(browser);
  await patchPortalSettingsViaApi(admin.request, session, {
    sections: { assistant: { mode: 'all', customerIds: [] }, tickets: { mode: 'all', customerIds: [] } },
    assistant: { createsTicket: true },
  });
  const stamp = Date.now();
  const { customerId, contact, credentials } = await createContactViaApi(admin.request, session, { firstName: 'Marco', lastName: 'Bianchi', company: `Bianchi Srl ${stamp}`, language: 'it' });

  const token = ((await (await admin.request.post('/api/v1/enrolment-tokens', { headers, data: { customerId } })).json()) as { token: string }).token;
  const agent = startDryRunAgent(token, { os: 'windows', user: 'marco' });
  const recorded = agent.recorded;

  try {
    const devices = await admin.request.get('/api/v1/devices', { params: { customerId, page: 1, pageSize: 10 } });
    const device = ((await devices.json()) as { items: { id: string; hostname: string; os: string }[] }).items[0];
    expect(device, await devices.text()).toMatchObject({ os: 'windows' });
    const hostname = device?.hostname ?? '';
    expect((await admin.request.patch(`/api/v1/devices/${device?.id ?? ''}`, { headers, data: { contactIds: [contact.id] } })).ok()).toBeTruthy();

    const context = await browser.newContext({ locale: 'it-IT' });
    const page = await context.newPage();
    const contactSession = await signInContactViaApi(context.request, credentials);
    const portalHeaders = { 'x-csrf-token': contactSession.csrfToken };
    const e164 = `+39333888${String(stamp % 10_000).padStart(4, '0')}`;
    const codeFromOutbox = (kind: string, seen: number) => awaitSmsCode(admin, e164, kind, seen);
    // SS-6: the contact's mobile number is verified once, before any action.
    expect((await context.request.post('/api/v1/portal/phone', { headers: portalHeaders, data: { phone: e164 } })).ok()).toBeTruthy();
    const verified = await context.request.post('/api/v1/portal/phone/verify', { headers: portalHeaders, data: { code: await codeFromOutbox('phone-code', 0) } });
    expect(verified.ok(), await verified.text()).toBeTruthy();

    await test.step('the launcher is on every portal page and opens the conversation in a drawer', async () => {
      await page.goto('/tickets');
      await page.getByRole('button', { name: "Chiedi all'assistente" }).click();
      const drawer = page.getByRole('dialog', { name: 'Assistente' });
      await expect(drawer.getByRole('heading', { name: 'Come posso aiutarti?' })).toBeVisible(slow);
      await expect(drawer.getByRole('textbox', { name: 'Il tuo messaggio' })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();
    });

    let requestId = '';
    await test.step('asked in Italian on the chat page, the reply streams in with an action card for the PC', async () => {
      await page.goto('/assistant');
      const composer = page.getByRole('textbox', { name: 'Il tuo messaggio' });
      await composer.fill('riavvia il mio PC');
      // The POST goes out asking for the stream, and the stream is what comes back.
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/portal/assistant/messages') && r.request().method() === 'POST');
      await composer.press('Enter');
      const response = await answered;
      expect(response.request().headers().accept).toContain('text/event-stream');
      expect(response.headers()['content-type']).toContain('text/event-stream');
      const conversation = page.getByRole('list', { name: 'Conversazione' });
      await expect(conversation.getByText('riavvia il mio PC')).toBeVisible(slow);
      const card = page.getByTestId('action-card');
      await expect(card).toBeVisible(slow);
      await expect(card.getByRole('heading', { name: 'Riavvia' })).toBeVisible();
      await expect(card.getByText(`Su ${hostname}`)).toBeVisible();
      // The new conversation has its own address, and is in the list of past ones.
      await expect(page).toHaveURL(/\/assistant\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('navigation', { name: 'Le tue conversazioni' }).getByRole('link', { name: /riavvia il mio PC/ })).toBeVisible(slow);
      const sessions = (await (await context.request.get('/api/v1/portal/assistant/sessions')).json()) as { items: { id: string }[] };
      const detail = (await (await context.request.get(`/api/v1/portal/assistant/sessions/${sessions.items[0]?.id ?? ''}`)).json()) as { messages: { cards: { kind: string; requestId?: string | null }[] }[] };
      requestId = detail.messages.flatMap((m) => m.cards).find((c) => c.kind === 'action')?.requestId ?? '';
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    await test.step('the SMS code goes into the card; the agent receives the signed command; the progress reaches "Completato"', async () => {
      const card = page.getByTestId('action-card');
      await expect(card.getByText(/Ti abbiamo inviato per SMS un codice di 6 cifre/)).toBeVisible(slow);
      expect(recorded()).toHaveLength(0);
      await card.getByLabel('Codice di 6 cifre').fill(await codeFromOutbox('action-code', 0));
      await card.getByRole('button', { name: 'Conferma' }).click();
      await expect(card.getByTestId('action-status'), agent.output()).toHaveText('Completato', slow);
      const view = (await (await context.request.get(`/api/v1/portal/actions/${requestId}`)).json()) as { command: { id: string } | null };
      const line = recorded().find((l) => l.action === 'restart');
      expect(line, agent.output()).toMatchObject({ commandId: view.command?.id, argv: ['shutdown', '/r', '/t', '0'] });
    });

    await test.step("the session's ticket holds the transcript and the action with its result, and follows the chat", async () => {
      const sessions = (await (await context.request.get('/api/v1/portal/assistant/sessions')).json()) as { items: { ticketId: string | null }[] };
      const ticketId = sessions.items[0]?.ticketId ?? '';
      expect(ticketId).toMatch(/^[0-9a-f-]{36}$/);
      const description = async () => ((await (await admin.request.get(`/api/v1/tickets/${ticketId}`)).json()) as { description: string }).description;
      const action = `Riavvia — ${escapeRegExp(hostname)} — Confermata \\(Completato\\)`;
      // The command's result reaches the ticket by itself (AI-3), no further message needed.
      await expect.poll(description, slow).toMatch(new RegExp(`riavvia il mio PC[\\s\\S]*${action}`));
      // The conversation goes on; the ticket follows it.
      const composer = page.getByRole('textbox', { name: 'Il tuo messaggio' });
      await composer.fill('grazie, ha funzionato');
      await composer.press('Enter');
      await expect(page.getByRole('list', { name: 'Conversazione' }).getByText('grazie, ha funzionato')).toBeVisible(slow);
      await expect(composer).toBeEnabled(slow);
      await expect.poll(description, slow).toMatch(new RegExp(`riavvia il mio PC[\\s\\S]*${action}[\\s\\S]*grazie, ha funzionato`));
      // The contact reads the same ticket in the portal.
      await page.goto(`/tickets/${ticketId}`);
      await expect(page.getByText('riavvia il mio PC').first()).toBeVisible(slow);
      await expect(page.getByText(`Riavvia — ${hostname} — Confermata (Completato)`)).toBeVisible();
    });
  } finally {
    agent.stop();
  }
});

/**
 * AI-4: with "disable manual ticket creation" on, the portal has no New ticket (the list and
 * the form send the contact to the assistant; the API refuses), and "talk to a technician" in
 * the chat opens the ticket, shown as a card linking to it.
 */
test('assistant: manual ticket creation off sends the contact to the chat, where asking for a technician opens the ticket', async ({ browser }) => {
  test.setTimeout(180_000);
  const slow = { timeout: 60_000 };
  const admin = await browser.newContext();
  const session = await signInAdminViaApi(admin.request);
  await patchPortalSettingsViaApi(admin.request, session, {
    sections: { assistant: { mode: 'all', customerIds: [] }, tickets: { mode: 'all', customerIds: [] } },
    assistant: { createsTicket: false, disableManualTickets: true },
  });
  try {
    const { credentials } = await createContactViaApi(admin.request, session, { firstName: 'Lucia', lastName: 'Neri', company: `Neri Spa ${Date.now()}`, language: 'it' });
    const context = await browser.newContext({ locale: 'it-IT' });
    const page = await context.newPage();
    const contactSession = await signInContactViaApi(context.request, credentials);

    const refused = await context.request.post('/api/v1/portal/tickets', { headers: { 'x-csrf-token': contactSession.csrfToken }, data: { subject: 'Stampante', description: 'Non stampa' } });
    expect(refused.ok()).toBeFalsy();
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('MANUAL_TICKETS_DISABLED');

    await page.goto('/tickets');
    await expect(page.getByRole('heading', { name: 'I miei ticket', level: 1 })).toBeVisible(slow);
    await expect(page.getByRole('link', { name: 'Nuovo ticket' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: "Chiedi all'assistente" }).first()).toHaveAttribute('href', '/assistant');
    await page.goto('/tickets/new');
    await expect(page.getByText("I ticket si aprono tramite l'assistente")).toBeVisible(slow);
    await expect(page.getByRole('textbox', { name: /Oggetto/ })).toHaveCount(0);
    await page.getByRole('link', { name: "Chiedi all'assistente" }).click();
    await expect(page).toHaveURL(/\/assistant$/);

    const composer = page.getByRole('textbox', { name: 'Il tuo messaggio' });
    await composer.fill('vorrei parlare con un tecnico, la stampante fa un rumore strano');
    await composer.press('Enter');
    const ticketLink = page.getByRole('list', { name: 'Conversazione' }).getByRole('link', { name: /^#\d+/ });
    await expect(ticketLink).toBeVisible(slow);
    await ticketLink.click();
    await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
    await expect(page.getByText('vorrei parlare con un tecnico, la stampante fa un rumore strano').first()).toBeVisible(slow);
  } finally {
    // Other specs open tickets from the portal: the option goes back off.
    await patchPortalSettingsViaApi(admin.request, session, { assistant: { disableManualTickets: false } });
  }
});
