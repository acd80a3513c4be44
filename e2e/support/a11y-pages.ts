import { expect, type Page } from '@playwright/test';

/**
 * #9 item 9: every page of both apps, for e2e/a11y.spec.ts to check with axe (all rules,
 * 0 violations). A new page is one more line here: its address, what shows it is ready,
 * and optionally the dialogs or menus it opens (each checked open, then closed with Escape).
 */

/** The objects the spec creates before visiting (their ids make the detail pages' addresses). */
export interface A11yWorld {
  ticketId: string;
  customerId: string;
  contactId: string;
  articleId: string;
  categoryId: string;
}

export interface A11yPage {
  name: string;
  path: string | ((world: A11yWorld) => string);
  /** Waits until the page shows what it is for; by default its level-1 heading. */
  ready?: (page: Page) => Promise<void>;
  /** States to check besides the page itself: each opens a dialog or a menu. */
  open?: { name: string; action: (page: Page) => Promise<void> }[];
}

/** A uuid that names nothing, for the "not found" pages (#9 item 6). */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
};

/** The shared "not found" state (components/ui/NotFoundState.tsx) with its way back. */
export const notFound = async (page: Page) => {
  await expect(page.getByRole('heading', { name: 'Not found', level: 1 })).toBeVisible();
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
};

const dialog = (button: string | RegExp, name: string | RegExp) => async (page: Page) => {
  await page.getByRole('button', { name: button }).first().click();
  await expect(page.getByRole('dialog', { name })).toBeVisible();
};

const menu = (button: string | RegExp) => async (page: Page) => {
  await page.getByRole('button', { name: button }).first().click();
  await expect(page.getByRole('menu')).toBeVisible();
};

/** Pages anyone reaches without signing in. */
export const SIGNED_OUT_PAGES: A11yPage[] = [
  { name: 'portal sign-in', path: '/login', open: [{ name: 'language menu', action: menu(/Change language/) }] },
  { name: 'forgot password', path: '/forgot-password' },
  { name: 'reset password, bad link', path: '/reset-password?token=nope' },
  { name: 'console sign-in', path: '/console/login' },
  { name: 'console set-up, already done', path: '/console/setup' },
];

/** The console, signed in as the administrator. */
export const CONSOLE_PAGES: A11yPage[] = [
  { name: 'ticket queue', path: '/console/tickets', open: [{ name: 'account menu', action: menu(/Ada Admin: account menu/) }] },
  { name: 'new ticket', path: '/console/tickets/new' },
  { name: 'ticket', path: (w) => `/console/tickets/${w.ticketId}`, ready: heading('Printer on fire') },
  { name: 'unknown ticket', path: `/console/tickets/${UNKNOWN_ID}`, ready: notFound },
  { name: 'knowledge base', path: '/console/kb' },
  { name: 'new article', path: '/console/kb/new' },
  { name: 'KB categories', path: '/console/kb/categories' },
  { name: 'article', path: (w) => `/console/kb/${w.articleId}`, ready: heading('Reset your password') },
  { name: 'unknown article', path: `/console/kb/${UNKNOWN_ID}`, ready: notFound },
  { name: 'customers', path: '/console/customers', open: [{ name: 'new customer dialog', action: dialog('New customer', 'New customer') }] },
  { name: 'customer', path: (w) => `/console/customers/${w.customerId}`, ready: heading('Analytical Engines') },
  { name: 'unknown customer', path: `/console/customers/${UNKNOWN_ID}`, ready: notFound },
  { name: 'contacts', path: '/console/contacts' },
  { name: 'new contact', path: '/console/contacts/new' },
  { name: 'contact', path: (w) => `/console/contacts/${w.contactId}`, ready: heading('Ada Lovelace') },
  { name: 'unknown contact', path: `/console/contacts/${UNKNOWN_ID}`, ready: notFound },
  { name: 'devices', path: '/console/devices', open: [{ name: 'add device dialog', action: dialog('Add device', 'Add device') }] },
  { name: 'unknown device', path: `/console/devices/${UNKNOWN_ID}`, ready: notFound },
  {
    name: 'my account',
    path: '/console/account',
    open: [
      {
        name: 'authenticator set-up',
        action: async (page) => {
          await page.getByRole('button', { name: 'Set up authenticator' }).click();
          await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
        },
      },
    ],
  },
  { name: 'technicians', path: '/console/technicians' },
  { name: 'API keys', path: '/console/api-keys' },
  { name: 'webhooks', path: '/console/settings/webhooks' },
  { name: 'CSV import of contacts', path: '/console/imports/contacts' },
  { name: 'import from Atera', path: '/console/imports/atera' },
  { name: 'security settings', path: '/console/settings/security' },
  { name: 'portal settings', path: '/console/settings/portal' },
  { name: 'ticket settings', path: '/console/settings/tickets' },
  { name: 'ticket fields', path: '/console/settings/custom-fields' },
  { name: 'mail settings', path: '/console/settings/mail' },
  { name: 'mailbox', path: '/console/mail' },
  {
    name: 'software catalogue',
    path: '/console/settings/software',
    open: [
      { name: 'add package dialog', action: dialog('Add package', 'Add a package') },
      { name: 'starter list dialog', action: dialog('Pick from the starter list', 'Starter list') },
    ],
  },
  { name: 'self-service settings', path: '/console/settings/self-service', open: [{ name: 'kill switch dialog', action: dialog('Cancel all queued actions', 'Cancel all queued actions?') }] },
  { name: 'SMS settings', path: '/console/settings/sms' },
  { name: 'SMS outbox', path: '/console/sms' },
  { name: 'audit log', path: '/console/audit' },
  { name: 'no such console page', path: '/console/no-such-page', ready: heading('Page not found') },
];

/** The portal, signed in as a contact (checked on a 360 px phone and on a desktop). */
export const PORTAL_PAGES: A11yPage[] = [
  { name: 'home', path: '/', ready: heading(/Hello Ada/), open: [{ name: 'assistant drawer', action: dialog('Ask the assistant', 'Assistant') }] },
  { name: 'tickets', path: '/tickets' },
  { name: 'new ticket', path: '/tickets/new' },
  { name: 'ticket', path: (w) => `/tickets/${w.ticketId}`, ready: heading('Printer on fire') },
  { name: 'unknown ticket number', path: '/tickets/999999', ready: notFound },
  { name: 'unknown ticket', path: `/tickets/${UNKNOWN_ID}`, ready: notFound },
  { name: 'knowledge base', path: '/kb' },
  { name: 'KB category', path: (w) => `/kb/categories/${w.categoryId}` },
  { name: 'article', path: (w) => `/kb/${w.articleId}`, ready: heading('Reset your password') },
  { name: 'unknown article', path: `/kb/${UNKNOWN_ID}`, ready: notFound },
  { name: 'app settings', path: '/settings' },
  { name: 'assistant', path: '/assistant' },
  { name: 'no such portal page', path: '/no-such-page', ready: heading('Page not found') },
];

export function pathOf(entry: A11yPage, world: A11yWorld): string {
  return typeof entry.path === 'function' ? entry.path(world) : entry.path;
}

/** Opens the page and waits until it is ready and nothing is loading any more. */
export async function visit(page: Page, entry: A11yPage, world: A11yWorld): Promise<void> {
  await page.goto(pathOf(entry, world));
  // A cold start of an area loads its code first: allow a slow shared machine time for that.
  await expect(page.getByText('Loading…')).toHaveCount(0, { timeout: 30_000 });
  await (entry.ready ?? (async (p: Page) => void (await expect(p.getByRole('heading', { level: 1 })).toBeVisible())))(page);
  await expect(page.getByText('Loading…')).toHaveCount(0);
}
