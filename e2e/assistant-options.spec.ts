import { expect, test } from '@playwright/test';
import { adminWithSelfService, patchPortalSettingsViaApi } from './support/api';
import { expectNoSeriousA11yViolations } from './support/axe';
import { snap } from './support/screens';

const API_KEY = 'sk-e2e-assistant-key-0123456789';

/**
 * Issue 13 item 5 (AI-2..AI-5) on Admin > Customer portal: an admin switches the assistant to an
 * OpenAI-compatible API with a key and turns the ticket options on; the key is never shown again.
 */
test('console: assistant options with a write-only model key', async ({ browser }) => {
  const { admin, session, headers } = await adminWithSelfService(browser);
  const page = await admin.newPage();
  await page.goto('/console/settings/portal');
  const card = page.locator('section').filter({ has: page.getByText('Assistant options', { exact: true }) });
  await expect(page.getByText('Assistant options', { exact: true })).toBeVisible();

  await page.getByRole('radio', { name: 'OpenAI-compatible API' }).check();
  await page.getByRole('textbox', { name: 'API base URL' }).fill('https://llm.example.com/v1');
  await page.getByRole('textbox', { name: 'Model' }).fill('gpt-4o-mini');
  await page.getByLabel('API key').fill(API_KEY);
  await page.getByRole('switch', { name: 'Assistant creates a ticket' }).check();
  await expectNoSeriousA11yViolations(page, 'assistant options');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Assistant options saved.')).toBeVisible();

  await page.reload();
  await expect(page.getByText('A key is saved. Type a new one to replace it, or leave empty to keep it.')).toBeVisible();
  await expect(page.getByLabel('API key')).toHaveValue('');
  expect(await page.content()).not.toContain(API_KEY);
  await snap(page, 'console-assistant-options');

  const settings = (await (await admin.request.get('/api/v1/settings/portal', { headers })).json()) as { assistant: unknown };
  expect(settings.assistant).toEqual({ engine: 'openai', model: { baseUrl: 'https://llm.example.com/v1', model: 'gpt-4o-mini', apiKeySet: true }, createsTicket: true, disableManualTickets: false });
  expect(JSON.stringify(settings)).not.toContain(API_KEY);

  // Back to the defaults for the other specs.
  await patchPortalSettingsViaApi(admin.request, session, { assistant: { engine: 'builtin', createsTicket: false, model: { apiKey: null } } });
  await admin.close();
});
