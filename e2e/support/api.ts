import { type APIRequestContext, type Browser, expect } from '@playwright/test';
import { ADMIN, MAIL_SINK_HTTP_PORT, SETUP_TOKEN } from './env';

interface Session {
  csrfToken: string;
}

/** Signs the admin in on this request context (sharing cookies with its pages); sets Porta up first if needed. */
export async function signInAdminViaApi(request: APIRequestContext): Promise<Session> {
  const status = await request.get('/api/v1/setup/status');
  const { needed } = (await status.json()) as { needed: boolean };
  if (needed) {
    const setup = await request.post('/api/v1/setup', {
      data: {
        token: SETUP_TOKEN,
        tenant: { slug: 'acme-it', name: ADMIN.organisation },
        admin: { name: ADMIN.name, email: ADMIN.email, password: ADMIN.password },
      },
    });
    expect(setup.ok(), await setup.text()).toBeTruthy();
    return (await setup.json()) as Session;
  }
  const login = await request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(login.ok(), await login.text()).toBeTruthy();
  return (await login.json()) as Session;
}

/** A browser context with the admin signed in through the API and the portal's Self-service section on for every customer (SS-3). */
export async function adminWithSelfService(browser: Browser) {
  const admin = await browser.newContext();
  const session = await signInAdminViaApi(admin.request);
  await patchPortalSettingsViaApi(admin.request, session, { sections: { selfService: { mode: 'all', customerIds: [] } } });
  return { admin, session, headers: { 'x-csrf-token': session.csrfToken } };
}

/** Creates a customer and one contact (in `language` when given) through the API; answers the customer's id and the contact's generated credentials. */
export async function createContactViaApi(request: APIRequestContext, session: Session, who: { firstName: string; lastName: string; company: string; language?: string }) {
  const headers = { 'x-csrf-token': session.csrfToken };
  const customer = await request.post('/api/v1/customers', { headers, data: { name: who.company } });
  expect(customer.ok(), await customer.text()).toBeTruthy();
  const { id: customerId } = (await customer.json()) as { id: string };
  const email = `${who.firstName}.${who.lastName}.${Date.now()}@example.com`.toLowerCase();
  const contact = await request.post('/api/v1/contacts', { headers, data: { customerId, firstName: who.firstName, lastName: who.lastName, email, ...(who.language && { language: who.language }) } });
  expect(contact.ok(), await contact.text()).toBeTruthy();
  return { customerId, ...((await contact.json()) as { contact: { id: string }; credentials: { username: string; password: string } }) };
}

/** Sets portal options through the admin API (T-2, T-3, T-4, T-6), e.g. to start a spec from known settings. */
export async function patchPortalSettingsViaApi(request: APIRequestContext, session: Session, patch: Record<string, unknown>): Promise<void> {
  const response = await request.patch('/api/v1/settings/portal', { headers: { 'x-csrf-token': session.csrfToken }, data: patch });
  expect(response.ok(), await response.text()).toBeTruthy();
}

/** Signs a contact in to the portal on this request context (sharing cookies with its pages). */
export async function signInContactViaApi(request: APIRequestContext, credentials: { username: string; password: string }): Promise<Session> {
  const login = await request.post('/api/v1/portal/auth/login', { data: credentials });
  expect(login.ok(), await login.text()).toBeTruthy();
  return (await login.json()) as Session;
}

/** Opens a ticket as the signed-in contact; answers its id and number. */
export async function createPortalTicketViaApi(request: APIRequestContext, session: Session, ticket: { subject: string; description: string }) {
  const response = await request.post('/api/v1/portal/tickets', { headers: { 'x-csrf-token': session.csrfToken }, data: ticket });
  expect(response.ok(), await response.text()).toBeTruthy();
  return (await response.json()) as { id: string; number: number };
}

export interface SinkMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  autoSubmitted: string;
}

/** Waits for a mail to `address` matching `match` at the test SMTP relay (e2e/support/smtp-sink.ts). */
export async function mailTo(request: APIRequestContext, address: string, match: (m: SinkMail) => boolean = () => true): Promise<SinkMail> {
  let found: SinkMail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await request.get(`http://127.0.0.1:${MAIL_SINK_HTTP_PORT}/mails`)).json()) as SinkMail[];
        found = mails.find((m) => m.to.includes(address) && match(m));
        return found !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  if (!found) throw new Error(`no mail to ${address}`);
  return found;
}

/** A page of the console's SMS outbox (`GET /api/v1/sms-outbox`), as the specs read codes from it. */
interface OutboxPage {
  items: { to: string; kind: string; body: string }[];
}

/** The SMS of `kind` sent to `to` (E.164), newest first, read by a signed-in admin (a browser context), as the console's outbox (provider "outbox") lists them. */
export async function smsSentTo(admin: { request: APIRequestContext }, to: string, kind: string): Promise<OutboxPage['items']> {
  const res = await admin.request.get('/api/v1/sms-outbox', { params: { page: 1, pageSize: 50 } });
  return ((await res.json()) as OutboxPage).items.filter((m) => m.to === to && m.kind === kind);
}

/**
 * Waits until more than `seen` SMS of `kind` went to `to`, then returns the newest one's body and
 * the first group of `pattern` in it (by default its 6-digit code). Until the outbox delivers an
 * SMS its secret is masked, so the wait also covers delivery.
 */
export async function awaitSms(
  admin: { request: APIRequestContext },
  to: string,
  kind: string,
  { seen = 0, pattern = /\b(\d{6})\b/, timeout = 60_000 }: { seen?: number; pattern?: RegExp; timeout?: number } = {},
): Promise<{ body: string; secret: string }> {
  let body = '';
  let secret = '';
  await expect
    .poll(
      async () => {
        const sms = await smsSentTo(admin, to, kind);
        body = sms.length > seen ? (sms[0]?.body ?? '') : '';
        secret = pattern.exec(body)?.[1] ?? '';
        return secret;
      },
      { timeout },
    )
    .not.toBe('');
  return { body, secret };
}

/** {@link awaitSms}'s 6-digit code. */
export async function awaitSmsCode(admin: { request: APIRequestContext }, to: string, kind: string, seen = 0): Promise<string> {
  return (await awaitSms(admin, to, kind, { seen })).secret;
}
