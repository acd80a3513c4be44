import { describe, expect, it } from 'vitest';
import { makeTenant } from '../../test/factories.ts';
import { signInTechnician } from '../../test/client.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { drainOutbox, useMailTestApp } from '../../test/mail.ts';
import { queueMail } from './queued-mail.ts';
import { backoffMs, OutboxWorker } from './outbox-worker.ts';
import type { WorkerLog } from './worker-log.ts';

/** Issue 5, item 1: outbox rows delivered over SMTP (a real loopback server), retries, dead state, held without SMTP, the console Outbox. */
describe('outbound delivery', () => {
  const smtp = useMailTestApp();
  const t = smtp.t;

  async function queue(tenantId: string, to: string, subject: string, sensitive = false) {
    return queueMail(t.ctx, t.ctx.db, tenantId, { kind: 'notification', from: { name: 'MSP', address: 'help@msp.example' }, to: { name: 'Rita\r\nBcc: victim@evil.example', address: to }, subject, text: 'Body text', sensitive });
  }

  it('without any SMTP a mail is held, listed in the console outbox with its body, and can be sent again once SMTP is set', async () => {
    const fx = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    const messageId = await queue(fx.tenant.id, 'rita@customer.example', 'Held mail');
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const list = await admin.get('/api/v1/mail/outbox?status=held');
    expectStatus(list, 200);
    const [item] = list.json<{ items: { id: string; status: string; messageId: string; subject: string }[] }>().items;
    expect(item).toMatchObject({ status: 'held', messageId, subject: 'Held mail' });
    const detail = (await admin.get(`/api/v1/mail/outbox/${item?.id}`)).json<{ body: string; headers: Record<string, string> }>();
    expect(detail.body).toBe('Body text');
    expect(detail.headers['Auto-Submitted']).toBe('auto-generated');

    // The tenant configures its own SMTP server (the loopback sink): "send again" delivers it.
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false } }), 200);
    expectStatus(await admin.post(`/api/v1/mail/outbox/${item?.id}/retry`), 200);
    expectError(await admin.post(`/api/v1/mail/outbox/${item?.id}/retry`), 409, 'MAIL_NOT_RETRYABLE');
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const got = await smtp.sink.waitFor((m) => m.parsed.messageId === messageId);
    expect(got.parsed.subject).toBe('Held mail');
    expect(got.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    // The line break in the display name injected no header.
    expect(got.parsed.bcc).toBeUndefined();
    expect(got.raw.toString('utf8')).not.toMatch(/^Bcc:/im);
    expect(got.envelope.to).toEqual(['rita@customer.example']);
    expect((await admin.get(`/api/v1/mail/outbox/${item?.id}`)).json<{ status: string }>().status).toBe('done');
  });

  it('a relay that refuses is retried with backoff, then the mail is dead after the last attempt; a later retry delivers it once', async () => {
    const fx = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false } }), 200);
    smtp.sink.failWith = 451;
    let messageId = '';
    try {
      messageId = await queue(fx.tenant.id, 'dead@customer.example', 'Refused mail');
      for (let i = 0; i < 30; i++) {
        await drainOutbox(t.ctx, [fx.tenant.id]);
        const row = await t.ctx.db.selectFrom('outbox').select(['status', 'attempts', 'last_error', 'available_at']).where('tenant_id', '=', fx.tenant.id).where('topic', '=', 'mail').executeTakeFirstOrThrow();
        if (row.status === 'dead') break;
        expect(row.status).toBe('pending');
        expect(row.available_at.getTime()).toBeGreaterThan(Date.now() - 1000);
        await new Promise((r) => setTimeout(r, 60));
      }
    } finally {
      smtp.sink.failWith = null;
    }
    const list = (await admin.get('/api/v1/mail/outbox?status=dead')).json<{ items: { id: string; attempts: number; lastError: string }[] }>().items;
    expect(list).toHaveLength(1);
    expect(list[0]?.attempts).toBe(3);
    expect(list[0]?.lastError).toMatch(/451|Refused/);
    expect(smtp.sink.mails.filter((m) => m.parsed.messageId === messageId)).toHaveLength(0);
    expectStatus(await admin.post(`/api/v1/mail/outbox/${list[0]?.id}/retry`), 200);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    await smtp.sink.waitFor((m) => m.parsed.messageId === messageId);
    expect(smtp.sink.mails.filter((m) => m.parsed.messageId === messageId)).toHaveLength(1);
  });

  it('a held mail is logged with recipient and subject, never its body (no secret reaches the log)', async () => {
    const fx = await makeTenant(t.ctx);
    const lines: string[] = [];
    const capture = (obj: object, msg: string) => lines.push(`${msg} ${JSON.stringify(obj)}`);
    const log: WorkerLog = { debug: capture, info: capture, warn: capture, error: capture };
    await queueMail(t.ctx, t.ctx.db, fx.tenant.id, { kind: 'welcome', from: { name: 'MSP', address: 'help@msp.example' }, to: { name: 'New', address: 'new@customer.example' }, subject: 'Your access', text: 'Password: Sup3r-Secret-Pw', sensitive: true });
    await new OutboxWorker(t.ctx, log, { onlyTenants: [fx.tenant.id] }).drain();
    const held = lines.filter((l) => l.includes('new@customer.example'));
    expect(held).toHaveLength(1);
    expect(held[0]).toContain('Your access');
    expect(lines.join('\n')).not.toContain('Sup3r-Secret-Pw');
  });

  it('backoff doubles per attempt within ±20 % and stops growing at six hours', () => {
    for (const attempts of [1, 2, 3, 4]) {
      const ms = backoffMs(1000, attempts);
      expect(ms).toBeGreaterThanOrEqual(800 * 2 ** (attempts - 1));
      expect(ms).toBeLessThanOrEqual(1200 * 2 ** (attempts - 1));
    }
    expect(backoffMs(1000, 60)).toBeLessThanOrEqual(6 * 3_600_000 * 1.2);
  });

  it('a sensitive mail is sealed while queued and its body is gone once sent; the outbox is admin-only and per tenant', async () => {
    const fx = await makeTenant(t.ctx);
    const other = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    const otherAdmin = await signInTechnician(t.app, other.host, other.admin.email, other.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false } }), 200);
    const messageId = await queue(fx.tenant.id, 'secret@customer.example', 'Your password', true);
    const stored = await t.ctx.db.selectFrom('outbox').select(['id', 'payload']).where('tenant_id', '=', fx.tenant.id).where('topic', '=', 'mail').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.payload)).not.toContain('Body text');
    expectError(await otherAdmin.get(`/api/v1/mail/outbox/${stored.id}`), 404, 'OUTBOX_MAIL_NOT_FOUND');
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const got = await smtp.sink.waitFor((m) => m.parsed.messageId === messageId);
    expect(got.parsed.text?.trim()).toBe('Body text');
    expect((await admin.get(`/api/v1/mail/outbox/${stored.id}`)).json<{ body: string | null }>().body).toBeNull();
  });
});
