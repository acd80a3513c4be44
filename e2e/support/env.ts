/** Values shared by the Playwright config (which starts the server) and the specs. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
export const SETUP_TOKEN = 'e2e-setup-token-0123456789';

export const ADMIN = {
  organisation: 'Acme IT Services',
  name: 'Ada Admin',
  email: 'ada@acme-it.test',
  password: 'correct horse battery staple',
};

/** The test SMTP relay the e2e server sends through (e2e/support/smtp-sink.ts) and its HTTP read-out. */
export const MAIL_SINK_SMTP_PORT = E2E_PORT + 1025;
export const MAIL_SINK_HTTP_PORT = E2E_PORT + 1026;

/** The loopback DNS server `e2e/custom-domain.spec.ts` starts; the e2e server checks custom domains against it (D-2). */
export const DNS_PORT = E2E_PORT + 1053;
