import { type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { createContactViaApi, createPortalTicketViaApi, patchPortalSettingsViaApi, signInAdminViaApi, signInContactViaApi } from './support/api';

/**
 * Issue 15 item 7: both apps under a Content-Security-Policy without 'unsafe-inline'. Every
 * document's policy is read off the wire; every violation the browser reports (the
 * `securitypolicyviolation` event, recorded from before any page script runs, and its console
 * message) is collected while a contact signs in through the server-written sign-in and walks
 * the portal, and a technician walks the console (queue, ticket, KB, settings with the branding
 * card, a modal). None may occur, and the pages must be styled as the theme says: the primary
 * colour (indigo 7) comes from the <style> Mantine writes at run time, so a refused one shows.
 */
const INDIGO_7 = 'rgb(66, 99, 235)';

interface Violation {
  page: string;
  directive: string;
  blocked: string;
  sample: string;
}

async function watch(context: BrowserContext) {
  const violations: Violation[] = [];
  const consoleErrors: string[] = [];
  const policies: { url: string; policy: string }[] = [];
  await context.exposeBinding('__reportCspViolation', ({ page }, v: Omit<Violation, 'page'>) => void violations.push({ page: page.url(), ...v }));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation;
      void report({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
  context.on('page', (page) => {
    page.on('console', (m) => {
      if (/content security policy/i.test(m.text())) consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
  });
  context.on('response', (response) => {
    if (response.request().resourceType() === 'document') policies.push({ url: response.url(), policy: response.headers()['content-security-policy'] ?? '' });
  });
  return { violations, consoleErrors, policies };
}

const bg = (el: Locator) => el.evaluate((node) => getComputedStyle(node).backgroundColor);

/** The page's nonce (hidden from the markup, read as a property) and that of each <style> in it. */
const styleNonces = (page: Page) =>
  page.evaluate(() => ({
    nonce: document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '',
    styles: [...document.querySelectorAll('style')].map((s) => s.nonce),
    mantine: document.querySelectorAll('style[data-mantine-styles]').length,
  }));

async function expectNoncedMantineStyles(page: Page) {
  const { nonce, styles, mantine } = await styleNonces(page);
  expect(nonce.length).toBeGreaterThanOrEqual(22);
  expect(mantine).toBeGreaterThan(0);
  expect(styles.every((n) => n === nonce)).toBe(true);
}

test('portal and console under a CSP without unsafe-inline: no violation, styled as the theme says', async ({ browser }) => {
  test.setTimeout(240_000);
  const slow = { timeout: 30_000 };
  const setup = await browser.newContext();
  const session = await signInAdminViaApi(setup.request);
  const headers = { 'x-csrf-token': session.csrfToken };
  await patchPortalSettingsViaApi(setup.request, session, { sections: { tickets: { mode: 'all', customerIds: [] }, kb: { mode: 'all', customerIds: [] } } });
  const stamp = Date.now();
  const title = `Office network ports ${stamp}`;
  // A table with aligned columns: markdown-it writes its alignment as style attributes, which the sanitiser drops.
  const body = '## Ports\n\n| Port | Speed |\n|:-----|------:|\n| A1 | 1 Gbit/s |\n\nRun `ipconfig /all` and **restart** the switch.';
  const article = await setup.request.post('/api/v1/kb/articles', { headers, data: { status: 'published', translations: { en: { title, body } } } });
  expect(article.ok(), await article.text()).toBeTruthy();
  const articleId = ((await article.json()) as { id: string }).id;
  const { credentials } = await createContactViaApi(setup.request, session, { firstName: 'Cora', lastName: 'Policy', company: `Policy Corp ${stamp}` });
  const opener = await browser.newContext();
  const ticket = await createPortalTicketViaApi(opener.request, await signInContactViaApi(opener.request, credentials), {
    subject: `Switch blinks amber ${stamp}`,
    description: 'The **switch** in room 2 blinks amber.\n\n- since Monday\n- after the power cut',
  });
  await opener.close();
  await setup.close();

  const contactContext = await browser.newContext({ locale: 'en-US' });
  const portal = await watch(contactContext);
  const contact = await contactContext.newPage();

  await test.step('the server-written sign-in is drawn by its nonced <style>, then the app takes over', async () => {
    // The entry script waits until the shell has been looked at.
    let release = () => {};
    const looked = new Promise<void>((resolve) => (release = resolve));
    await contact.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
      await looked;
      await route.continue();
    });
    await contact.goto('/login', { waitUntil: 'commit' });
    await expect(contact.locator('#porta-shell')).toBeVisible(slow);
    const card = contact.locator('.shell-card');
    expect(await card.evaluate((n) => getComputedStyle(n).borderTopLeftRadius)).toBe('16px');
    expect(await bg(card)).toBe('rgb(255, 255, 255)');
    expect(await bg(contact.locator('.shell-submit'))).toBe(INDIGO_7);
    release();
    await expect(contact.locator('#porta-shell')).toHaveCount(0, slow);
    await contact.unroute(/\/assets\/index-[\w-]+\.js$/);
    const submit = contact.locator('#root').getByRole('button', { name: 'Sign in' });
    await expect(submit).toBeVisible();
    expect(await bg(submit)).toBe(INDIGO_7);
    await expectNoncedMantineStyles(contact);
  });

  await test.step('the contact signs in and walks home, tickets, a ticket, the KB and an article', async () => {
    await contact.getByLabel('Username').fill(credentials.username);
    await contact.getByLabel('Password', { exact: true }).fill(credentials.password);
    await contact.getByRole('button', { name: 'Sign in' }).click();
    await expect(contact.getByRole('heading', { name: 'Hello Cora' })).toBeVisible(slow);
    await contact.goto('/tickets');
    await expect(contact.getByRole('heading', { name: 'My tickets', level: 1 })).toBeVisible(slow);
    await contact.goto(`/tickets/${ticket.id}`);
    await expect(contact.getByRole('heading', { name: /Switch blinks amber/ })).toBeVisible(slow);
    await expect(contact.locator('.markdown strong').first()).toHaveText('switch');
    await contact.goto('/kb');
    await expect(contact.getByRole('heading', { level: 1 }).first()).toBeVisible(slow);
    await contact.goto(`/kb/${articleId}`);
    await expect(contact.getByRole('heading', { name: title })).toBeVisible(slow);
    await expect(contact.locator('.markdown table td').first()).toHaveText('A1');
    await contact.goto('/no-such-page');
    await expect(contact.getByRole('link').first()).toBeVisible(slow);
    await expectNoncedMantineStyles(contact);
  });

  const adminContext = await browser.newContext({ locale: 'en-US' });
  const consoleWatch = await watch(adminContext);
  const admin = await adminContext.newPage();

  await test.step('the console sign-in page, then a technician walks the queue, a ticket, the KB and settings', async () => {
    await admin.goto('/console/login');
    const signIn = admin.getByRole('button', { name: 'Sign in' });
    await expect(signIn).toBeVisible(slow);
    expect(await bg(signIn)).toBe(INDIGO_7);
    await signInAdminViaApi(adminContext.request);
    await admin.goto('/console/tickets');
    await expect(admin.getByRole('link', { name: new RegExp(`Switch blinks amber ${stamp}`) })).toBeVisible(slow);
    await admin.goto(`/console/tickets/${ticket.id}`);
    await expect(admin.getByRole('heading', { name: /Switch blinks amber/ })).toBeVisible(slow);
    await admin.goto('/console/kb');
    await expect(admin.getByRole('heading', { name: 'Knowledge base', level: 1 })).toBeVisible(slow);
    await admin.goto(`/console/kb/${articleId}`);
    await expect(admin.getByTestId('kb-preview').locator('table')).toBeVisible(slow);
    await admin.goto('/console/settings/portal');
    await expect(admin.getByRole('heading', { name: 'Branding', exact: true })).toBeVisible(slow);
    expect(await bg(admin.getByTestId('branding-preview-button'))).toBe(INDIGO_7);
    await admin.goto('/console/settings/security');
    await expect(admin.getByRole('heading', { level: 1 })).toBeVisible(slow);
    await expectNoncedMantineStyles(admin);
  });

  await test.step('a modal (its scroll lock writes a <style> of its own) opens and closes', async () => {
    await admin.goto('/console/customers');
    await admin.getByRole('button', { name: 'New customer' }).first().click();
    await expect(admin.getByRole('dialog')).toBeVisible(slow);
    await expect(admin.getByLabel('Company name')).toBeVisible();
    await expectNoncedMantineStyles(admin);
    await admin.keyboard.press('Escape');
    await expect(admin.getByRole('dialog')).toHaveCount(0);
  });

  await test.step('no violation anywhere; every document had a policy with a nonce and no unsafe-inline', async () => {
    expect(portal.violations).toEqual([]);
    expect(consoleWatch.violations).toEqual([]);
    expect([...portal.consoleErrors, ...consoleWatch.consoleErrors]).toEqual([]);
    const documents = [...portal.policies, ...consoleWatch.policies];
    expect(documents.length).toBeGreaterThanOrEqual(12);
    for (const { url, policy } of documents) {
      expect(policy, url).not.toContain('unsafe-inline');
      expect(policy, url).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}'/);
      expect(policy, url).toContain("script-src 'self';");
    }
  });

  await test.step('the watch works: a <style> and a style attribute without the nonce are refused and reported', async () => {
    await admin.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body{background-color:rgb(1, 2, 3)}';
      document.head.append(style);
      const div = document.createElement('div');
      div.id = 'csp-probe';
      div.setAttribute('style', 'color: rgb(4, 5, 6)');
      document.body.append(div);
    });
    await expect.poll(() => consoleWatch.violations.length).toBe(2);
    expect(consoleWatch.violations.map((v) => v.directive).sort()).toEqual(['style-src-attr', 'style-src-elem']);
    expect(await bg(admin.locator('body'))).not.toBe('rgb(1, 2, 3)');
    expect(await admin.locator('#csp-probe').evaluate((n) => getComputedStyle(n).color)).not.toBe('rgb(4, 5, 6)');
  });

  await contactContext.close();
  await adminContext.close();
});
