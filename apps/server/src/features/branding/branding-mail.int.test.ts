import { describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { signInTechnician } from '../../test/client.ts';
import { makeTenant } from '../../test/factories.ts';
import { b64, solidPng } from '../../test/images.ts';
import { drainOutbox, useMailTestApp } from '../../test/mail.ts';
import { queueMail } from '../mail/queued-mail.ts';

/** D-4: a mail carries the tenant's brand: an HTML part with its logo, colour and name beside the text. */
describe('branded mail', () => {
  const smtp = useMailTestApp();
  const t = smtp.t;

  it('a mail sent after branding has the logo (absolute, on the mail settings portal address), the colour and the name; the text part is unchanged', async () => {
    const fx = await makeTenant(t.ctx, { name: 'Acme IT' });
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false }, portalAddress: 'https://help.acme-it.example' }), 200);
    expectStatus(await admin.patch('/api/v1/settings/branding', { portalName: 'Acme <Help>', primaryColor: '#1c3d6e' }), 200);
    const logoUrl = (await admin.request('PUT', '/api/v1/settings/branding/logo', { body: { data: b64(solidPng(4, 4, [1, 2, 3])) } })).json<{ logoUrl: string }>().logoUrl;

    const text = 'Hello Rita,\nyour ticket: https://help.acme-it.example/tickets/1\n<b>not markup</b>';
    const messageId = await queueMail(t.ctx, t.ctx.db, fx.tenant.id, { kind: 'notification', from: { name: 'Acme', address: 'help@acme.example' }, to: { name: 'Rita', address: 'rita@customer.example' }, subject: 'Branded', text });
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const got = await smtp.sink.waitFor((m) => m.parsed.messageId === messageId);
    expect(got.parsed.text?.trim()).toBe(text);
    const html = String(got.parsed.html);
    expect(html).toContain(`<img src="https://help.acme-it.example${logoUrl}" alt="Acme &lt;Help&gt;"`);
    expect(html).toContain('background:#1c3d6e');
    expect(html).toContain('&lt;b&gt;not markup&lt;/b&gt;');
    expect(html).not.toContain('<b>not markup</b>');
    expect(html).toContain('<a href="https://help.acme-it.example/tickets/1"');
  });

  it('without branding: the product colour and the tenant name, no image', async () => {
    const fx = await makeTenant(t.ctx, { name: 'Plain MSP' });
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false } }), 200);
    const messageId = await queueMail(t.ctx, t.ctx.db, fx.tenant.id, { kind: 'notification', from: { name: 'P', address: 'p@plain.example' }, to: { name: 'R', address: 'r@customer.example' }, subject: 'Plain', text: 'Hi' });
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const html = String((await smtp.sink.waitFor((m) => m.parsed.messageId === messageId)).parsed.html);
    expect(html).toContain('background:#4263eb');
    expect(html).toContain('Plain MSP</span>');
    expect(html).not.toContain('<img');
  });
});
