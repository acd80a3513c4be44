import { describe, expect, it } from 'vitest';
import { makeContact, makeCustomer, makeTenant, uniq } from '../../test/factories.ts';
import { signInContact, signInTechnician } from '../../test/client.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { drainOutbox, rawMail, sendRaw, useMailTestApp } from '../../test/mail.ts';
import { commentCount } from '../../test/tickets.ts';

/** Issue 5, item 4: notifications in and out, and a reply by mail threading back into the ticket (real SMTP both ways). */
describe('ticket notifications and the threading round trip', () => {
  const smtp = useMailTestApp({ receiver: true });
  const t = smtp.t;

  async function setup() {
    const fx = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false }, portalAddress: 'https://desk.msp.example' }), 200);
    const customer = await makeCustomer(t.ctx, fx.tenant.id, { domains: [`c${uniq()}.example`] });
    const contact = await makeContact(t.ctx, fx.tenant.id, customer.id, { language: 'es', email: `req-${uniq()}@customer.example` });
    const portal = await signInContact(t.app, fx.host, contact.username, contact.password);
    const inbound = `${fx.tenant.slug}@mail.porta.test`;
    return { fx, admin, customer, contact, portal, inbound };
  }

  it('technicians hear of a new ticket; the contact gets a technician reply with its text, a link and thread headers; their reply by mail becomes a comment; technicians hear of it', async () => {
    const { fx, admin, contact, portal, inbound } = await setup();
    const created = await portal.post('/api/v1/portal/tickets', { subject: 'Printer offline', description: 'The printer on floor 2 is offline.' });
    expectStatus(created, 201);
    const ticket = created.json<{ id: string; number: number }>();
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const toTech = await smtp.sink.waitFor((m) => m.envelope.to.includes(fx.admin.email) && (m.parsed.subject ?? '').includes('Printer offline'));
    expect(toTech.parsed.text).toContain(`New ticket #${ticket.number}`);
    expect(toTech.parsed.text).toContain(`https://desk.msp.example/console/tickets/${ticket.id}`);

    expectStatus(await admin.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Please restart it and tell me.' }), 201);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const toContact = await smtp.sink.waitFor((m) => m.envelope.to.includes(contact.email));
    expect(toContact.parsed.subject).toMatch(new RegExp(`^Re: Printer offline \\[#${ticket.number}-[A-Za-z0-9_-]{10}\\]$`));
    expect(toContact.parsed.text).toContain('Please restart it and tell me.');
    expect(toContact.parsed.text).toContain('ha respondido a su ticket');
    expect(toContact.parsed.text).toContain(`https://desk.msp.example/tickets/${ticket.id}`);
    expect(toContact.parsed.inReplyTo).toBe(`<ticket-${ticket.id}@mail.porta.test>`);
    expect(toContact.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(toContact.parsed.replyTo?.value[0]?.address).toBe(inbound);

    // The contact answers from their mail client: quoted text under the new lines.
    const quoted = (toContact.parsed.text ?? '').split('\n').map((l) => `> ${l}`).join('\r\n');
    const reply = rawMail(
      { from: `Requester <${contact.email}>`, to: inbound, subject: `Re: ${toContact.parsed.subject}`, messageId: `<reply-${uniq()}@customer.example>`, inReplyTo: toContact.parsed.messageId ?? '', references: toContact.parsed.messageId ?? '' },
      `It works again, thanks!\r\n\r\nEl lunes, Soporte escribió:\r\n${quoted}`,
    );
    const before = await commentCount(t.ctx, ticket.id);
    await sendRaw(smtp.receiver.port, { from: contact.email, to: [inbound] }, reply);
    expect(await commentCount(t.ctx, ticket.id)).toBe(before + 1);
    const detail = (await portal.get(`/api/v1/portal/tickets/${ticket.id}`)).json<{ comments: { body: string; authorName?: string }[] }>();
    expect(detail.comments.at(-1)?.body).toBe('It works again, thanks!');

    await drainOutbox(t.ctx, [fx.tenant.id]);
    const back = await smtp.sink.waitFor((m) => m.envelope.to.includes(fx.admin.email) && (m.parsed.text ?? '').includes('It works again, thanks!'));
    expect(back.parsed.text).toContain(`replied on ticket #${ticket.number}`);
  });

  it('a reply carrying only the subject reference threads; a forged reference opens a new ticket instead', async () => {
    const { fx, admin, contact, portal, inbound } = await setup();
    const ticket = (await portal.post('/api/v1/portal/tickets', { subject: 'VPN' })).json<{ id: string; number: number }>();
    expectStatus(await admin.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Which client?' }), 201);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const mail = await smtp.sink.waitFor((m) => m.envelope.to.includes(contact.email) && (m.parsed.subject ?? '').includes('VPN'));
    const ref = /\[#\d+-[A-Za-z0-9_-]{10}\]/.exec(mail.parsed.subject ?? '')?.[0] ?? '';
    const before = await commentCount(t.ctx, ticket.id);
    await sendRaw(smtp.receiver.port, { from: contact.email, to: [inbound] }, rawMail({ from: contact.email, to: inbound, subject: `Re: VPN ${ref}`, messageId: `<s-${uniq()}@c.example>` }, 'FortiClient 7.'));
    expect(await commentCount(t.ctx, ticket.id)).toBe(before + 1);

    const forged = `[#${ticket.number}-AAAAAAAAAA]`;
    await sendRaw(smtp.receiver.port, { from: contact.email, to: [inbound] }, rawMail({ from: contact.email, to: inbound, subject: `Re: VPN ${forged}`, messageId: `<f-${uniq()}@c.example>` }, 'Forged.'));
    expect(await commentCount(t.ctx, ticket.id)).toBe(before + 1);
    const opened = await t.ctx.db.selectFrom('tickets').select(['id', 'requester_id']).where('tenant_id', '=', fx.tenant.id).where('subject', '=', `Re: VPN ${forged}`).execute();
    expect(opened).toEqual([{ id: expect.any(String), requester_id: contact.id }]);
  });

  it('status changes reach the requester and opted-in primary contacts in their language, not the contact who made the change', async () => {
    const { fx, admin, customer, contact, portal } = await setup();
    const watcher = await makeContact(t.ctx, fx.tenant.id, customer.id, { isPrimary: true, language: 'de', email: `watch-${uniq()}@customer.example` });
    const quiet = await makeContact(t.ctx, fx.tenant.id, customer.id, { isPrimary: true, email: `quiet-${uniq()}@customer.example` });
    // The primary contact opts in from the portal; a non-primary contact may not.
    const watcherPortal = await signInContact(t.app, fx.host, watcher.username, watcher.password);
    const optIn = await watcherPortal.patch('/api/v1/portal/me/mail', { notifyCompanyTickets: true });
    expectStatus(optIn, 200);
    expect(optIn.json()).toEqual({ notifyCompanyTickets: true, canNotifyCompany: true });
    expectError(await portal.patch('/api/v1/portal/me/mail', { notifyCompanyTickets: true }), 403, 'FORBIDDEN');
    expect((await portal.get('/api/v1/portal/me/mail')).json()).toEqual({ notifyCompanyTickets: false, canNotifyCompany: false });
    const ticket = (await portal.post('/api/v1/portal/tickets', { subject: 'Disk full' })).json<{ id: string; number: number }>();
    await drainOutbox(t.ctx, [fx.tenant.id]);
    expectStatus(await admin.patch(`/api/v1/tickets/${ticket.id}`, { status: 'resolved' }), 200);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const toRequester = await smtp.sink.waitFor((m) => m.envelope.to.includes(contact.email) && (m.parsed.text ?? '').includes('Resuelto'));
    expect(toRequester.parsed.text).toContain(`ticket n.º ${ticket.number}`);
    const toWatcher = await smtp.sink.waitFor((m) => m.envelope.to.includes(watcher.email));
    expect(toWatcher.parsed.text).toContain('Gelöst');
    expect(smtp.sink.to(quiet.email)).toEqual([]);

    // The requester reopens it in the portal: the watcher hears, the requester does not hear of their own change.
    const mailsToRequester = smtp.sink.to(contact.email).length;
    expectStatus(await portal.patch(`/api/v1/portal/tickets/${ticket.id}`, { status: 'open' }), 200);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    await smtp.sink.waitFor((m) => m.envelope.to.includes(watcher.email) && (m.parsed.text ?? '').includes('Offen'));
    expect(smtp.sink.to(contact.email)).toHaveLength(mailsToRequester);
  });
});
