import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';
import { makeContact, makeCustomer, makeTenant, uniq } from '../../test/factories.ts';
import { signInTechnician } from '../../test/client.ts';
import { expectStatus } from '../../test/assertions.ts';
import { startImapServer, type ImapServer } from '../../test/imap-server.ts';
import { mailEnv, rawMail } from '../../test/mail.ts';
import { silentLog } from '../mail/worker-log.ts';
import { tenantsWithImap } from '../mail/mail-settings.repo.ts';
import { pollTenantMailbox } from './imap-poller.ts';

/** T-9, optional IMAP: a tenant mailbox on a real IMAP server (Dovecot on loopback) polled into tickets, exactly once. */
describe('IMAP poller', () => {
  let imap: ImapServer;
  const t = useTestApp({ env: mailEnv(null) });
  beforeAll(async () => {
    imap = await startImapServer();
  });
  afterAll(async () => imap.stop());

  async function client() {
    const c = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
    await c.connect();
    return c;
  }

  it('unseen messages become tickets and are flagged seen; a message fetched again (lost \\Seen, or a second copy) opens no second ticket', async () => {
    const fx = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    const saved = await admin.patch('/api/v1/settings/mail', { imap: { host: '127.0.0.1', port: imap.port, secure: false, user: imap.user, password: imap.password, mailbox: 'INBOX' } });
    expectStatus(saved, 200);
    expect(saved.json<{ imap: { passwordSet: boolean } }>().imap.passwordSet).toBe(true);
    expect(await tenantsWithImap(t.ctx.db)).toContain(fx.tenant.id);
    const domain = `imap${uniq(3)}.example`;
    const customer = await makeCustomer(t.ctx, fx.tenant.id, { domains: [domain] });
    const contact = await makeContact(t.ctx, fx.tenant.id, customer.id, { email: `user-${uniq()}@${domain}` });
    const subject = `Mailbox request ${uniq()}`;
    const raw = rawMail({ from: contact.email, to: `support@${domain}`, subject, messageId: `<imap-${uniq()}@${domain}>`, date: 'Tue, 03 Nov 2026 08:00:00 +0000' }, 'Sent to the shared mailbox.');

    const c = await client();
    try {
      await c.append('INBOX', raw);
      expect(await pollTenantMailbox(t.ctx, silentLog, fx.tenant.id)).toBe(1);
      const tickets = () => t.ctx.db.selectFrom('tickets').select(['id', 'requester_id']).where('tenant_id', '=', fx.tenant.id).where('subject', '=', subject).execute();
      expect(await tickets()).toEqual([{ id: expect.any(String), requester_id: contact.id }]);

      const lock = await c.getMailboxLock('INBOX');
      try {
        expect(await c.search({ seen: false }, { uid: true })).toEqual([]);
        // A crash after recording and before flagging: the message is unseen again; and a second copy arrives.
        await c.messageFlagsRemove('1:*', ['\\Seen']);
      } finally {
        lock.release();
      }
      await c.append('INBOX', raw);
      expect(await pollTenantMailbox(t.ctx, silentLog, fx.tenant.id)).toBe(2);
      expect(await tickets()).toHaveLength(1);
      expect(await pollTenantMailbox(t.ctx, silentLog, fx.tenant.id)).toBe(0);
    } finally {
      await c.logout();
    }
  });
});
