import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { signInTechnician } from '../../test/client.ts';
import { makeTenant } from '../../test/factories.ts';
import { drainOutbox, useMailTestApp } from '../../test/mail.ts';
import { OutboundRefused, resolveOutbound } from '../../platform/net/outbound-guard.ts';
import { pollTenantMailbox } from '../mail-inbound/imap-poller.ts';
import { queueMail } from './queued-mail.ts';
import { silentLog } from './worker-log.ts';

/**
 * Issue 15 item 2: a tenant's own SMTP and IMAP servers are targets the tenant chose, so they go
 * through the outbound guard like webhooks and model URLs: with PORTA_OUTBOUND_ALLOW_PRIVATE off
 * (the default of a real install), no connection is made to loopback, private, link-local or
 * metadata addresses, whether typed as an address or as a name resolving to one.
 */
describe('outbound guard on tenant SMTP and IMAP servers', () => {
  const smtp = useMailTestApp({ env: { PORTA_OUTBOUND_ALLOW_PRIVATE: 'false' } });
  const t = smtp.t;
  let listener: net.Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    // Stands where an internal service would: counts every TCP connection that reaches it.
    listener = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    port = (listener.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => listener.close(r));
  });

  it('refuses loopback, IPv4-mapped loopback, link-local metadata, private ranges and a name resolving to loopback', async () => {
    for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', '::1', '169.254.169.254', '10.1.2.3', '192.168.1.10', 'localhost']) {
      await expect(resolveOutbound(host, false), host).rejects.toBeInstanceOf(OutboundRefused);
    }
    expect(await resolveOutbound('127.0.0.1', true)).toBe('127.0.0.1');
    expect(await resolveOutbound('93.184.215.14', false)).toBe('93.184.215.14');
  });

  it('a mail for a tenant SMTP server on loopback is not sent: no connection, the row keeps the refusal, and the real sink got nothing', async () => {
    const fx = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    for (const host of ['127.0.0.1', 'localhost']) {
      expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host, port, secure: false } }), 200);
      const before = connections;
      const messageId = await queueMail(t.ctx, t.ctx.db, fx.tenant.id, { kind: 'notification', from: { name: 'MSP', address: 'help@msp.example' }, to: { name: 'Rita', address: 'rita@customer.example' }, subject: `To ${host}`, text: 'Body', sensitive: false });
      await drainOutbox(t.ctx, [fx.tenant.id]);
      const row = await t.ctx.db.selectFrom('outbox').select(['status', 'last_error']).where('tenant_id', '=', fx.tenant.id).where('topic', '=', 'mail').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      expect(row.status).not.toBe('done');
      expect(row.last_error).toMatch(/outbound address refused/);
      expect(connections).toBe(before);
      expect(smtp.sink.mails.filter((m) => m.parsed.messageId === messageId)).toHaveLength(0);
    }
  });

  it('the IMAP poller does not connect to a tenant mailbox on loopback', async () => {
    const fx = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { imap: { host: '127.0.0.1', port, secure: false, user: 'u', password: 'p', mailbox: 'INBOX' } }), 200);
    const before = connections;
    await expect(pollTenantMailbox(t.ctx, silentLog, fx.tenant.id)).rejects.toBeInstanceOf(OutboundRefused);
    expect(connections).toBe(before);
  });
});
