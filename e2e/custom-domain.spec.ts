import http from 'node:http';
import { expect, test } from '@playwright/test';
import { startLoopbackDns } from '../apps/server/src/test/dns-server';
import { signInAdminViaApi } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { DNS_PORT, E2E_PORT } from './support/env';
import { snap } from './support/screens';

const DOMAIN = 'help.acme-e2e.com';

/** GET on the e2e server with a chosen Host header (as a browser resolving DOMAIN to this server would send). */
function getWithHost(path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: E2E_PORT, path, headers: { host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
  });
}

/**
 * Issue 14 item 2 (D-2) in Chromium: the admin adds a domain on Admin > Customer portal, sees
 * the CNAME to create, creates it (in the DNS server this spec runs on loopback), presses
 * "Check now" and sees it verified; the domain then serves the portal. Removing it brings the
 * neutral page back (and leaves the install as the other specs expect it).
 */
test('console: custom domain verified by DNS, then served', async ({ browser }) => {
  test.setTimeout(180_000);
  const dns = await startLoopbackDns(new Map(), DNS_PORT);
  try {
    const admin = await browser.newContext();
    await signInAdminViaApi(admin.request);
    const page = await admin.newPage();
    await page.goto('/console/settings/portal');
    const card = page.locator('section').filter({ has: page.getByText('Custom domain', { exact: true }) });
    // The first load can be slow on a busy CI machine.
    await expect(card.getByText('No custom domain yet.')).toBeVisible({ timeout: 45_000 });
    const target = (await card.getByTestId('custom-domain-generated-host').textContent())?.trim() ?? '';
    expect(target).toMatch(/^[a-z0-9-]+\.localhost$/);

    // An apex is refused with the reason.
    await card.getByRole('textbox', { name: 'Domain' }).fill('acme-e2e.com');
    await card.getByRole('button', { name: 'Add domain' }).click();
    await expect(card.getByText('a CNAME record cannot be created there', { exact: false })).toBeVisible();

    await card.getByRole('textbox', { name: 'Domain' }).fill(DOMAIN);
    await card.getByRole('button', { name: 'Add domain' }).click();
    const row = card.getByTestId('custom-domain');
    await expect(row.getByText(DOMAIN, { exact: true }).first()).toBeVisible();
    await expect(row.getByLabel('Name', { exact: true })).toHaveText(DOMAIN);
    await expect(row.getByTestId('custom-domain-state')).toHaveText('Not verified');
    await expect(row.getByText('No DNS record found for this name yet.', { exact: false })).toBeVisible();
    await expect(row.getByTestId('custom-domain-target')).toHaveText(target);
    // Not verified yet: the host answers the neutral page.
    expect((await getWithHost('/', `${DOMAIN}:${E2E_PORT}`)).status).toBe(421);
    await expectNoSeriousA11yViolations(page, 'custom domain pending');

    // The admin creates the record; "Check now" verifies it.
    dns.zone.set(DOMAIN, { cname: target });
    await row.getByRole('button', { name: 'Check now' }).click();
    await expect(row.getByTestId('custom-domain-state')).toHaveText('Verified');
    await snap(page, 'console-custom-domain-verified');

    const portal = await getWithHost('/', `${DOMAIN}:${E2E_PORT}`);
    expect(portal.status).toBe(200);
    expect(portal.body).toContain('<div id="root">');
    const tenant = await getWithHost('/api/v1/tenant', `${DOMAIN}:${E2E_PORT}`);
    expect(tenant.status).toBe(200);
    expect((JSON.parse(tenant.body) as { slug: string }).slug).toBe(target.split('.')[0]);

    // Removed: the neutral page again, in the visitor's language.
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(card.getByText('No custom domain yet.')).toBeVisible();
    const gone = await getWithHost('/api/v1/tenant', `${DOMAIN}:${E2E_PORT}`, { 'accept-language': 'it' });
    expect(gone.status).toBe(421);
    expect(gone.body).toContain('lang="it"');
    await admin.close();
  } finally {
    await dns.close();
  }
});
