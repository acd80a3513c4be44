import { expect, test } from '@playwright/test';
import { adminWithSelfService } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';

/**
 * Issue 14 item 3 (D-3) on Admin > Customer portal: the HTTPS certificates card lists the
 * tenant's addresses and who handles their certificates (the e2e server runs PORTA_TLS=off).
 */
test('console: HTTPS certificates card lists the portal addresses and their state', async ({ browser }) => {
  const { admin, headers } = await adminWithSelfService(browser);
  const page = await admin.newPage();
  await page.goto('/console/settings/portal');
  await expect(page.getByRole('heading', { name: 'HTTPS certificates' })).toBeVisible();
  const card = page.getByTestId('tls-hosts');
  await expect(page.getByText('HTTPS is handled by the reverse proxy in front of Porta (PORTA_TLS=off).')).toBeVisible();
  const status = (await (await admin.request.get('/api/v1/settings/tls', { headers })).json()) as { mode: string; hosts: { host: string }[] };
  expect(status.mode).toBe('off');
  expect(status.hosts.length).toBeGreaterThan(0);
  for (const { host } of status.hosts) await expect(card.getByText(host, { exact: true })).toBeVisible();
  await expect(card.getByText('Not managed here').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'https certificates card');
  await admin.close();
});
