import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { type Client, client, mintSession, signInContact } from '../../test/client.ts';
import { makeCustomer, makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { type CaughtMail, drainOutbox, mailEnv, type SmtpSink, startSmtpSink } from '../../test/mail.ts';

/**
 * Issue 14 item 5: no link is built from a request's `Host` or `X-Forwarded-Host`. The proxy is
 * trusted here (PORTA_TRUST_PROXY=true), the strongest case: Fastify would then believe
 * X-Forwarded-Host. Every link-writing route is called with forged headers; every link in
 * the mails and previews must be the tenant's own address (its verified custom domain).
 */
let t: TestApp & { close(): Promise<void> };
let sink: SmtpSink;
const EVIL = 'evil.attacker.example';
// Only the host is forged: a forged X-Forwarded-Proto (trusted here) would rename the session cookie (__Host-).
const FORGED = { 'x-forwarded-host': EVIL, forwarded: `host=${EVIL}` };

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ env: mailEnv(sink, { PORTA_TRUST_PROXY: 'true', PORTA_PUBLIC_URL: 'https://porta.example.net' }) });
});
afterAll(async () => {
  await t?.close();
  await sink?.stop();
});

function linksOf(text: string): string[] {
  return [...new Set((text.replace(/&amp;/g, '&').match(/https?:\/\/[^\s"'<>]+/g) ?? []).map((l) => l.replace(/[.,;:)\]]+$/, '')))];
}

function textOf(mail: CaughtMail): string {
  return `${mail.parsed.text ?? ''}\n${typeof mail.parsed.html === 'string' ? mail.parsed.html : ''}`;
}

/** A tenant (not the default one) whose custom domain is verified. */
async function tenantWithDomain(): Promise<{ fx: TenantFixture; domain: string }> {
  await makeTenant(t.ctx); // the default tenant (the first) is another one, if this file's database is fresh
  const fx = await makeTenant(t.ctx);
  const domain = `help-${uniq()}.acme-it.com`;
  await t.ctx.db.insertInto('tenant_domains').values({ tenant_id: fx.tenant.id, name: domain, state: 'verified', verified_at: new Date() }).execute();
  t.tenants.invalidate();
  return { fx, domain };
}

/** A client with forged proxy headers on every request (and, optionally, a forged Host). */
function forged(host: string, session?: Client): Client {
  return client(t.app, host, { headers: FORGED, ...(session && { cookie: session.cookie, csrfToken: session.csrfToken }) });
}

describe('Host safety (issue 14 item 5)', () => {
  it('welcome, password reset, ticket notifications and the welcome preview link to the verified domain, whatever X-Forwarded-Host says', async () => {
    const { fx, domain } = await tenantWithDomain();
    const origin = `https://${domain}`;
    const minted = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
    // The admin works through the custom domain, with forged proxy headers on every call.
    const admin = forged(domain, minted);
    expectStatus(await admin.patch('/api/v1/settings/portal', { welcomeEmail: { enabled: true } }), 200);
    const preview = await admin.post('/api/v1/settings/portal/welcome-preview', { language: 'en' });
    expectStatus(preview, 200);
    const previewLinks = linksOf(preview.body);
    expect(previewLinks.length).toBeGreaterThan(0);
    for (const link of previewLinks) expect(new URL(link).origin).toBe(origin);

    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    const email = `host-${uniq()}@customer.example`;
    const created = await admin.post('/api/v1/contacts', { customerId: customer.id, firstName: 'Hana', lastName: 'Host', email });
    expectStatus(created, 201);
    const { credentials } = created.json<{ credentials: { username: string; password: string } }>();
    expectStatus(await forged(domain).post('/api/v1/portal/auth/forgot-password', { login: email }), 200);
    const contact = await signInContact(t.app, domain, credentials.username, credentials.password);
    const ticket = await forged(domain, contact).post('/api/v1/portal/tickets', { subject: 'Forged hosts', description: 'Links must not follow them.' });
    expectStatus(ticket, 201);
    const ticketId = ticket.json<{ id: string }>().id;
    expectStatus(await admin.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'On it.' }), 201);
    await drainOutbox(t.ctx, [fx.tenant.id]);

    const to = (address: string, text: string) => sink.waitFor((m) => m.envelope.to.includes(address) && (m.parsed.text ?? '').includes(text));
    const mails = [await to(email, credentials.username), await to(email, '/reset-password?token='), await to(email, 'On it.'), await to(fx.admin.email, `/console/tickets/${ticketId}`)];
    for (const mail of mails) {
      const links = linksOf(textOf(mail));
      expect(links.length, mail.parsed.subject).toBeGreaterThan(0);
      for (const link of links) expect(new URL(link).origin, `${mail.parsed.subject}: ${link}`).toBe(origin);
      expect(textOf(mail)).not.toContain(EVIL);
    }
  });

  it('a forged Host reaches no other tenant; a reset asked on the generated host with forged proxy headers links to the custom domain', async () => {
    const { fx, domain } = await tenantWithDomain();
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    const email = `forged-${uniq()}@customer.example`;
    const minted = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
    const created = await forged(fx.host, minted).post('/api/v1/contacts', { customerId: customer.id, firstName: 'Fay', lastName: 'Forged', email });
    expectStatus(created, 201);
    // The same session on a forged Host is another tenant's (the default one): not signed in there.
    expect((await forged(EVIL, minted).get('/api/v1/contacts')).statusCode).toBe(401);
    const tenant = await forged(EVIL).get('/api/v1/tenant');
    expect(tenant.json<{ slug: string }>().slug).not.toBe(fx.tenant.slug);
    // A reset asked on the tenant's generated host with forged proxy headers links to the custom domain.
    expectStatus(await forged(fx.host).post('/api/v1/portal/auth/forgot-password', { login: email }), 200);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const mail = await sink.waitFor((m) => m.envelope.to.includes(email) && (m.parsed.text ?? '').includes('/reset-password?token='));
    expect(textOf(mail)).not.toContain(EVIL);
    expect(textOf(mail)).not.toContain(fx.host);
    for (const link of linksOf(textOf(mail))) expect(new URL(link).origin).toBe(`https://${domain}`);
  });

  it('session cookies are host-only (no Domain attribute), even with forged proxy headers', async () => {
    const { fx, domain } = await tenantWithDomain();
    const res = await forged(domain).post('/api/v1/auth/login', { email: fx.admin.email, password: fx.admin.password });
    expectStatus(res, 200);
    const setCookie = [res.headers['set-cookie']].flat().filter((c): c is string => typeof c === 'string');
    expect(setCookie.length).toBeGreaterThan(0);
    for (const cookie of setCookie) expect(cookie.toLowerCase()).not.toMatch(/;\s*domain=/);
  });
});
