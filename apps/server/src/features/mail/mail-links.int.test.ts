import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { client, signInContact, signInTechnician } from '../../test/client.ts';
import { type RunningDatabase, startIsolatedDatabase } from '../../test/database.ts';
import { makeCustomer, makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp } from '../../test/harness.ts';
import { freePort, getOverLoopback, makeWebDist, SPA_MARKER } from '../../test/loopback-http.ts';
import { type CaughtMail, drainOutbox, mailEnv, type SmtpSink, startSmtpSink } from '../../test/mail.ts';

/**
 * #9 item 3: every link Porta mails is an address that answers, for the tenant that sent it.
 * A real server listens on 127.0.0.1 (PORTA_PUBLIC_URL names its port), mail goes through a
 * real SMTP server, and each link is fetched over HTTP (`*.localhost` reached on loopback with
 * its Host header, as browsers do). The first tenant is the default: its links are the public
 * URL; the second tenant's are `<slug>.localhost:<port>`.
 */
let db: RunningDatabase;
let t: TestApp & { close(): Promise<void> };
let sink: SmtpSink;
let web: ReturnType<typeof makeWebDist>;
let port: number;

beforeAll(async () => {
  db = await startIsolatedDatabase(sharedDatabase());
  sink = await startSmtpSink();
  web = makeWebDist();
  port = await freePort();
  t = await createTestApp({ database: db.info, env: mailEnv(sink, { PORTA_PUBLIC_URL: `http://localhost:${port}`, PORTA_WEB_DIST: web.dir }) });
  await t.app.listen({ port, host: '127.0.0.1' });
});

afterAll(async () => {
  await t?.close();
  await sink?.stop();
  await db?.stop();
  web?.remove();
});

/** Every http(s) address in a mail's text and HTML parts. */
function linksOf(mail: CaughtMail): string[] {
  const html = typeof mail.parsed.html === 'string' ? mail.parsed.html.replace(/&amp;/g, '&') : '';
  const found = `${mail.parsed.text ?? ''}\n${html}`.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
  return [...new Set(found.map((l) => l.replace(/[.,;:)\]]+$/, '')))];
}

interface Mailed {
  kind: string;
  mail: CaughtMail;
}

/** Sends a tenant's contact the welcome e-mail, a password reset and a ticket reply; its admin hears of the new ticket. */
async function mailsOf(fx: TenantFixture): Promise<Mailed[]> {
  const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
  expectStatus(await admin.patch('/api/v1/settings/portal', { welcomeEmail: { enabled: true } }), 200);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  const email = `links-${uniq()}@customer.example`;
  const created = await admin.post('/api/v1/contacts', { customerId: customer.id, firstName: 'Lina', lastName: 'Links', email });
  expectStatus(created, 201);
  const { credentials } = created.json<{ credentials: { username: string; password: string } }>();
  expectStatus(await client(t.app, fx.host).post('/api/v1/portal/auth/forgot-password', { login: email }), 200);
  const portal = await signInContact(t.app, fx.host, credentials.username, credentials.password);
  const ticket = await portal.post('/api/v1/portal/tickets', { subject: 'Links answer', description: 'Every link in a mail must open.' });
  expectStatus(ticket, 201);
  const ticketId = ticket.json<{ id: string }>().id;
  expectStatus(await admin.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Looking into it.' }), 201);
  await drainOutbox(t.ctx, [fx.tenant.id]);
  const to = (address: string, text: string) => sink.waitFor((m) => m.envelope.to.includes(address) && (m.parsed.text ?? '').includes(text));
  return [
    { kind: 'welcome', mail: await to(email, credentials.username) },
    { kind: 'password reset', mail: await to(email, '/reset-password?token=') },
    { kind: 'reply to the contact', mail: await to(email, 'Looking into it.') },
    { kind: 'new ticket to the technician', mail: await to(fx.admin.email, `/console/tickets/${ticketId}`) },
  ];
}

describe('links in mails answer (#9 item 3)', () => {
  it('for the default tenant (the public URL) and for a second tenant (<slug>.localhost with the port): welcome, reset, notifications', async () => {
    const first = await makeTenant(t.ctx, { name: 'First MSP' });
    const second = await makeTenant(t.ctx, { name: 'Second MSP' });
    const expectedOrigin = new Map([
      [first.tenant.slug, `http://localhost:${port}`],
      [second.tenant.slug, `http://${second.tenant.slug}.localhost:${port}`],
    ]);
    for (const fx of [first, second]) {
      for (const { kind, mail } of await mailsOf(fx)) {
        const links = linksOf(mail);
        expect(links.length, `${fx.tenant.slug}: ${kind} has a link`).toBeGreaterThan(0);
        for (const link of links) {
          expect(new URL(link).origin, `${kind}: ${link}`).toBe(expectedOrigin.get(fx.tenant.slug));
          const page = await getOverLoopback(link);
          expect(page.status, `${kind}: ${link}`).toBe(200);
          expect(page.contentType).toContain('text/html');
          expect(page.body).toContain(SPA_MARKER);
          // The page answers for the tenant that sent the mail, not another one.
          const answer = await getOverLoopback(`${new URL(link).origin}/api/v1/tenant`);
          expect(answer.status).toBe(200);
          expect((JSON.parse(answer.body) as { slug: string }).slug, `${kind}: ${link}`).toBe(fx.tenant.slug);
        }
      }
    }
  });
});
