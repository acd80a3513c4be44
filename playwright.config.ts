import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { BASE_URL, DNS_PORT, E2E_PORT, MAIL_SINK_HTTP_PORT, MAIL_SINK_SMTP_PORT, SETUP_TOKEN } from './e2e/support/env';

// A fresh data directory per run (in the git-ignored .tmp/), wiped by the main process only:
// workers load this file again but inherit the variable.
if (!process.env.PORTA_E2E_DATA_DIR) {
  const dataDir = path.resolve('.tmp/e2e-data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  process.env.PORTA_E2E_DATA_DIR = dataDir;
}

// `npm run test:e2e` builds first; the built server is preferred, the sources are the fallback.
const serverCommand = fs.existsSync('apps/server/dist/main.js') ? 'node apps/server/dist/main.js' : 'npx tsx apps/server/src/main.ts';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  use: {
    baseURL: BASE_URL,
    locale: 'en-US',
    // Settles animations at once, so axe measures colours after modals finish opening.
    reducedMotion: 'reduce',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    // The foundation journey sets the install up through the browser, so it runs first.
    { name: 'foundation', testMatch: /foundation\.spec\.ts$/ },
    { name: 'accessibility', testMatch: /a11y\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'tickets', testMatch: /tickets\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'kb', testMatch: /kb(-xss|-search)?\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'mail', testMatch: /mail\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'portal-home', testMatch: /portal-home\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'onboarding', testMatch: /onboarding\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'first-load', testMatch: /first-load\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'self-service', testMatch: /self-service(-actions)?\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'self-service-approval', testMatch: /self-service-approval\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'assistant', testMatch: /assistant\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'assistant-options', testMatch: /assistant-options\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'branding', testMatch: /branding\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'custom-domain', testMatch: /custom-domain\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'tls', testMatch: /tls-certificates\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'webhooks', testMatch: /webhooks\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'csv-import', testMatch: /csv-import\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'atera-import', testMatch: /atera-import\.spec\.ts$/, dependencies: ['foundation'] },
    { name: 'csp', testMatch: /csp\.spec\.ts$/, dependencies: ['foundation'] },
  ],
  webServer: [
    {
      // The SMTP relay the server sends through; specs read what it received (issue 5).
      command: 'npx tsx e2e/support/smtp-sink.ts',
      url: `http://127.0.0.1:${MAIL_SINK_HTTP_PORT}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      command: serverCommand,
      url: `${BASE_URL}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_PORT),
        PORTA_DATA_DIR: process.env.PORTA_E2E_DATA_DIR,
        PORTA_SETUP_TOKEN: SETUP_TOKEN,
        PORTA_SMTP_RELAY: `smtp://127.0.0.1:${MAIL_SINK_SMTP_PORT}`,
        PORTA_MAIL_POLL_MS: '200',
        // D-2: custom domains are checked against the DNS server custom-domain.spec.ts starts on loopback.
        PORTA_DNS_SERVERS: `127.0.0.1:${DNS_PORT}`,
        // Issue 15: webhooks.spec.ts and atera-import.spec.ts point tenant-chosen targets (an
        // endpoint, the Atera base URL) at servers on loopback.
        PORTA_ALLOW_PRIVATE_TARGETS: 'true',
        LOG_LEVEL: 'warn',
      },
    },
  ],
});
