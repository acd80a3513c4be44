import { expect, test } from '@playwright/test';
import { createContactViaApi, createPortalTicketViaApi, patchPortalSettingsViaApi, signInAdminViaApi, signInContactViaApi } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { snap } from './support/screens';

/**
 * #9 item 8: a contact lands on the portal home on a phone: their open tickets (count, the
 * latest, each a link), a KB search box that opens the KB search, the most-read articles; with
 * the KB section off its blocks are gone. Ticket search finds a word of the description.
 */
test('portal home on a phone: open tickets, KB search, most-read articles, sections; ticket search by description', async ({ browser }) => {
  test.setTimeout(180_000);
  // The shared host is slow at times: first renders after a navigation get more than the default 10 s.
  const slow = { timeout: 30_000 };
  const adminContext = await browser.newContext();
  const session = await signInAdminViaApi(adminContext.request);
  const headers = { 'x-csrf-token': session.csrfToken };
  await patchPortalSettingsViaApi(adminContext.request, session, { sections: { tickets: { mode: 'all', customerIds: [] }, kb: { mode: 'all', customerIds: [] } } });
  const stamp = Date.now();
  const title = `Restart the office router ${stamp}`;
  const article = await adminContext.request.post('/api/v1/kb/articles', { headers, data: { status: 'published', translations: { en: { title, body: 'Unplug it for ten seconds.' } } } });
  expect(article.ok(), await article.text()).toBeTruthy();
  const articleId = ((await article.json()) as { id: string }).id;
  const { credentials } = await createContactViaApi(adminContext.request, session, { firstName: 'Hana', lastName: 'Home', company: `Home Corp ${stamp}` });

  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await context.newPage();
  const contact = await signInContactViaApi(context.request, credentials);
  for (let i = 0; i < 40; i++) expect((await context.request.get(`/api/v1/portal/kb/articles/${articleId}`)).ok()).toBeTruthy();
  await createPortalTicketViaApi(context.request, contact, { subject: 'Mail is slow', description: 'Outlook takes a minute to open.' });
  const ticket = await createPortalTicketViaApi(context.request, contact, { subject: 'Screen flickers', description: 'The docking station drops the monitor every hour.' });

  await test.step('the home shows the open tickets and the most-read articles, usable at 360 px', async () => {
    await phone.goto('/');
    await expect(phone.getByRole('heading', { name: 'Your open tickets' })).toBeVisible(slow);
    await expect(phone.getByText('Open: 2')).toBeVisible();
    const latest = phone.getByRole('list', { name: 'Your latest open tickets' });
    await expect(latest.getByRole('link')).toHaveCount(2);
    await expect(latest.getByRole('link').first()).toContainText('Screen flickers');
    await expect(phone.getByRole('list', { name: 'Most-read articles' }).getByRole('link', { name: title })).toBeVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(phone, 'portal home with tickets and articles');
    await snap(phone, '15-portal-home-phone');
  });

  await test.step('a latest ticket opens its page', async () => {
    await phone.getByRole('list', { name: 'Your latest open tickets' }).getByRole('link', { name: /Screen flickers/ }).click();
    await expect(phone).toHaveURL(new RegExp(`/tickets/${ticket.id}$`));
    await expect(phone.getByRole('heading', { name: /Screen flickers/ })).toBeVisible(slow);
  });

  await test.step('the KB search box, used with the keyboard, opens the KB search with the words', async () => {
    await phone.goto('/');
    const search = phone.getByRole('searchbox', { name: 'Search the knowledge base' });
    await expect(search).toBeVisible(slow);
    await search.focus();
    await phone.keyboard.type('router');
    await phone.keyboard.press('Enter');
    await expect(phone).toHaveURL(/\/kb\?q=router$/);
    await expect(phone.getByRole('link', { name: title })).toBeVisible(slow);
  });

  await test.step('the portal ticket search finds a word that is only in the description', async () => {
    await phone.goto('/tickets?q=docking');
    await expect(phone.getByRole('link', { name: /Screen flickers/ })).toBeVisible(slow);
    await expect(phone.getByRole('link', { name: /Mail is slow/ })).toHaveCount(0);
  });

  await test.step('with the KB section off, the home has no KB blocks', async () => {
    await patchPortalSettingsViaApi(adminContext.request, session, { sections: { kb: { mode: 'off', customerIds: [] } } });
    await phone.goto('/');
    await expect(phone.getByRole('heading', { name: 'Your open tickets' })).toBeVisible(slow);
    await expect(phone.getByRole('searchbox', { name: 'Search the knowledge base' })).toHaveCount(0);
    await expect(phone.getByRole('heading', { name: 'Most-read articles' })).toHaveCount(0);
    await patchPortalSettingsViaApi(adminContext.request, session, { sections: { kb: { mode: 'all', customerIds: [] } } });
  });
  await context.close();
  await adminContext.close();
});
