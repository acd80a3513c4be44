import { describe, expect, it } from 'vitest';
import { makeContact, makeCustomer, makeTenant, uniq } from '../../test/factories.ts';
import { signInTechnician } from '../../test/client.ts';
import { expectStatus } from '../../test/assertions.ts';
import { drainOutbox, rawMail, sendRaw, useMailTestApp } from '../../test/mail.ts';

/** T-9, A-4 and issue 5 items 5–7: the built-in SMTP receiver, fed by a real SMTP client. */
describe('inbound e-mail', () => {
  const smtp = useMailTestApp({ receiver: true, env: { PORTA_MAIL_DOMAIN_HOURLY_LIMIT: '3' } });
  const t = smtp.t;

  async function setup() {
    const fx = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false } }), 200);
    const domain = `acme${uniq(3)}.com`;
    const customer = await makeCustomer(t.ctx, fx.tenant.id, { domains: [domain] });
    const contact = await makeContact(t.ctx, fx.tenant.id, customer.id, { email: `known-${uniq()}@${domain}` });
    return { fx, admin, domain, customer, contact, to: `${fx.tenant.slug}@mail.porta.test` };
  }
  const send = (to: string, from: string, raw: string | Buffer) => sendRaw(smtp.receiver.port, { from, to: [to] }, raw);
  const ticketsOf = (tenantId: string) => t.ctx.db.selectFrom('tickets').select(['id', 'subject', 'description', 'customer_id', 'requester_id']).where('tenant_id', '=', tenantId).orderBy('created_at').execute();
  const inboundOf = (tenantId: string) => t.ctx.db.selectFrom('mail_inbound').select(['status', 'reason', 'from_address']).where('tenant_id', '=', tenantId).orderBy('received_at').execute();

  it('a new message opens a ticket for the known contact, with its attachment', async () => {
    const { fx, contact, to } = await setup();
    const boundary = 'b1';
    const raw = [
      `From: Known <${contact.email}>`,
      `To: ${to}`,
      'Subject: Laptop screen cracked',
      `Message-ID: <att-${uniq()}@acme.com>`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'See the photo.',
      `--${boundary}`,
      'Content-Type: application/octet-stream; name="notes.txt"',
      'Content-Disposition: attachment; filename="notes.txt"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('serial 12345\n').toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await send(to, contact.email, raw);
    const [ticket] = await ticketsOf(fx.tenant.id);
    expect(ticket).toMatchObject({ subject: 'Laptop screen cracked', requester_id: contact.id, customer_id: contact.customerId });
    expect(ticket?.description.trim()).toBe('See the photo.');
    const files = await t.ctx.db.selectFrom('ticket_attachments').select(['filename', 'content_type', 'size']).where('ticket_id', '=', ticket?.id ?? '').execute();
    // Typed by sniffing the bytes, never by the sender's claim.
    expect(files).toEqual([{ filename: 'notes.txt', content_type: 'text/plain; charset=utf-8', size: 13 }]);
  });

  it('the same message delivered five times (at once, then again) gives exactly one ticket; without a Message-ID the content hash dedups', async () => {
    const { fx, contact, to } = await setup();
    const raw = rawMail({ from: contact.email, to, subject: 'Dup', messageId: `<dup-${uniq()}@acme.com>`, date: 'Mon, 02 Nov 2026 10:00:00 +0000' }, 'Once only');
    await Promise.all(Array.from({ length: 5 }, () => send(to, contact.email, raw)));
    await send(to, contact.email, raw);
    const noId = rawMail({ from: contact.email, to, subject: 'No id', date: 'Mon, 02 Nov 2026 11:00:00 +0000' }, 'Hash me');
    await send(to, contact.email, noId);
    await send(to, contact.email, `Received: from relay2.example by mx\r\n${noId}`);
    const tickets = await ticketsOf(fx.tenant.id);
    expect(tickets.map((x) => x.subject).sort()).toEqual(['Dup', 'No id']);
  });

  it('auto-replies, bounces and bulk mail open no ticket and get no answer', async () => {
    const { fx, contact, domain, to } = await setup();
    const cases: [string, string, Record<string, string>][] = [
      [contact.email, 'Out of office', { 'Auto-Submitted': 'auto-replied' }],
      [contact.email, 'Newsletter', { Precedence: 'bulk' }],
      [`MAILER-DAEMON@${domain}`, 'Undelivered Mail Returned to Sender', {}],
      [contact.email, 'List mail', { 'List-Id': '<news.acme.com>' }],
      [`stranger-${uniq()}@unknown-${uniq()}.example`, 'Auto: away', { 'X-Autoreply': 'yes' }],
    ];
    for (const [from, subject, extra] of cases) await send(to, from, rawMail({ from, to, subject, messageId: `<auto-${uniq()}@x.example>`, extra }, 'automatic'));
    await sendRaw(smtp.receiver.port, { from: '', to: [to] }, rawMail({ from: contact.email, to, subject: 'Null sender', messageId: `<ns-${uniq()}@x.example>` }, 'bounce'));
    expect(await ticketsOf(fx.tenant.id)).toEqual([]);
    expect((await inboundOf(fx.tenant.id)).map((r) => r.status)).toEqual(Array(6).fill('ignored'));
    await drainOutbox(t.ctx, [fx.tenant.id]);
    expect(smtp.sink.mails.filter((m) => m.envelope.to.some((a) => a.includes('unknown-')))).toEqual([]);
  });

  it('an unreadable message is kept whole in the failed store, listed, and stays there when reprocessing still cannot read it', async () => {
    const { admin, to } = await setup();
    await send(to, 'someone@acme.example', 'this is not a mail at all\r\n\r\njust words');
    const failed = (await admin.get('/api/v1/mail/inbound?status=failed')).json<{ items: { id: string; reason: string }[] }>().items;
    expect(failed).toHaveLength(1);
    expect(failed[0]?.reason).toMatch(/unreadable/);
    const stored = await t.ctx.db.selectFrom('mail_inbound').select('raw').where('id', '=', failed[0]?.id ?? '').executeTakeFirstOrThrow();
    expect(stored.raw?.toString('utf8')).toContain('just words');
    const again = await admin.post(`/api/v1/mail/inbound/${failed[0]?.id}/reprocess`);
    expectStatus(again, 200);
    expect(again.json()).toEqual({ outcome: 'failed' });
  });

  it('A-4: an unknown sender of exactly a customer domain becomes a non-primary contact (welcome mail applies); look-alikes do not', async () => {
    const { fx, admin, domain, customer, to } = await setup();
    expectStatus(await admin.patch('/api/v1/settings/portal', { welcomeEmail: { enabled: true } }), 200);
    const newcomer = `new.person-${uniq()}@${domain.toUpperCase()}`;
    await send(to, newcomer, rawMail({ from: `New Person <${newcomer}>`, to, subject: 'Hello', messageId: `<n-${uniq()}@x>` }, 'First mail'));
    const created = await t.ctx.db.selectFrom('contacts').select(['id', 'customer_id', 'is_primary', 'first_name', 'last_name']).where('tenant_id', '=', fx.tenant.id).where('email', '=', newcomer.toLowerCase()).executeTakeFirstOrThrow();
    expect(created).toMatchObject({ customer_id: customer.id, is_primary: false, first_name: 'New', last_name: 'Person' });
    expect((await ticketsOf(fx.tenant.id))[0]?.requester_id).toBe(created.id);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    await smtp.sink.waitFor((m) => m.envelope.to.includes(newcomer.toLowerCase()) && (m.parsed.text ?? '').includes('Password:'));

    for (const lookalike of [`sub.${domain}`, `${domain}.evil.io`, `x${domain}`, domain.replace('.com', '-com.io')]) {
      await send(to, `eve@${lookalike}`, rawMail({ from: `eve@${lookalike}`, to, subject: `From ${lookalike}`, messageId: `<l-${uniq()}@x>` }, 'hi'));
    }
    const lookalikeContacts = await t.ctx.db.selectFrom('contacts').select(['customer_id']).where('tenant_id', '=', fx.tenant.id).where('email', 'like', 'eve@%').execute();
    expect(lookalikeContacts.every((c) => c.customer_id !== customer.id)).toBe(true);
    // Default policy: tickets for triage, under the tenant's triage customer.
    const triage = await t.ctx.db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', fx.tenant.id).where('name', 'like', 'Unknown senders%').execute();
    expect(triage).toHaveLength(1);
    expect(lookalikeContacts.map((c) => c.customer_id)).toEqual(Array(lookalikeContacts.length).fill(triage[0]?.id));
  });

  it('unknown domain with the reject policy: a polite, rate-limited reply and no ticket; contacts from mail are rate-limited per domain', async () => {
    const { fx, admin, domain, to } = await setup();
    expectStatus(await admin.patch('/api/v1/settings/mail', { unknownSenders: 'reject' }), 200);
    const spamDomain = `spam-${uniq()}.example`;
    for (let i = 0; i < 5; i++) await send(to, `s${i}@${spamDomain}`, rawMail({ from: `s${i}@${spamDomain}`, to, subject: `Offer ${i}`, messageId: `<r-${uniq()}@x>` }, 'buy'));
    expect(await ticketsOf(fx.tenant.id)).toEqual([]);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const replies = smtp.sink.mails.filter((m) => m.envelope.to.some((a) => a.endsWith(`@${spamDomain}`)));
    expect(replies).toHaveLength(3);
    expect(replies[0]?.parsed.subject).toBe('Your message could not be accepted');
    expect(replies[0]?.parsed.headers.get('auto-submitted')).toBe('auto-generated');

    for (let i = 0; i < 5; i++) await send(to, `p${i}@${domain}`, rawMail({ from: `p${i}@${domain}`, to, subject: `Req ${i}`, messageId: `<c-${uniq()}@x>` }, 'help'));
    const fromDomain = await t.ctx.db.selectFrom('contacts').select('email').where('tenant_id', '=', fx.tenant.id).where('email', 'like', `p_@${domain}`).execute();
    expect(fromDomain).toHaveLength(3);
    expect((await inboundOf(fx.tenant.id)).filter((r) => r.reason === 'rate-limited')).toHaveLength(2);
  });

  it('"do not create tickets from this person" is honoured; header injection and HTML bodies are neutralised', async () => {
    const { fx, admin, contact, customer, domain, to } = await setup();
    const blocked = await makeContact(t.ctx, fx.tenant.id, customer.id, { email: `blocked-${uniq()}@${domain}` });
    expectStatus(await admin.patch(`/api/v1/contacts/${blocked.id}`, { emailTickets: false }), 200);
    await send(to, blocked.email, rawMail({ from: blocked.email, to, subject: 'Ignore me', messageId: `<b-${uniq()}@x>` }, 'x'));
    expect(await ticketsOf(fx.tenant.id)).toEqual([]);

    const html = [
      `From: =?utf-8?Q?Mallory=0D=0ABcc=3A_victim=40evil=2Eexample?= <${contact.email}>`,
      `To: ${to}`,
      'Subject: =?utf-8?Q?Hello=0D=0ABcc=3A_victim=40evil=2Eexample?=',
      `Message-ID: <h-${uniq()}@x>`,
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Hi <b>team</b></p><script>alert(1)</script><img src=x onerror=alert(2)><p>Line two</p>',
      '',
    ].join('\r\n');
    await send(to, contact.email, html);
    const [ticket] = await ticketsOf(fx.tenant.id);
    expect(ticket?.subject).toBe('Hello Bcc: victim@evil.example');
    expect(ticket?.description).toBe('Hi team\nLine two');
    expectStatus(await admin.post(`/api/v1/tickets/${ticket?.id}/comments`, { body: 'Answer' }), 201);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const out = await smtp.sink.waitFor((m) => m.envelope.to.includes(contact.email));
    expect(out.parsed.bcc).toBeUndefined();
    expect(out.envelope.to).toEqual([contact.email]);
    expect(out.raw.toString('utf8')).not.toMatch(/^Bcc:/im);
  });
});
