import { describe, expect, it } from 'vitest';
import { makeContact, makeCustomer, makeTenant, uniq } from '../../test/factories.ts';
import { client, signInContact, signInTechnician } from '../../test/client.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { drainOutbox, useMailTestApp } from '../../test/mail.ts';
import { hashToken } from '../../platform/crypto/tokens.ts';

/** forgotten password by e-mail, through a real loopback SMTP relay. */
describe('password reset', () => {
  const smtp = useMailTestApp();
  const t = smtp.t;

  async function setup() {
    const fx = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false }, portalAddress: 'https://portal.acme.example' }), 200);
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    const contact = await makeContact(t.ctx, fx.tenant.id, customer.id, { email: `reset-${uniq()}@customer.example`, language: 'it' });
    return { fx, contact };
  }

  async function linkFor(tenantId: string, email: string) {
    await drainOutbox(t.ctx, [tenantId]);
    const mail = await smtp.sink.waitFor((m) => m.envelope.to.includes(email));
    const link = /(https?:\/\/\S+reset-password\?token=\S+)/.exec(mail.parsed.text ?? '')?.[1] ?? '';
    return { mail, link, token: decodeURIComponent(new URL(link).searchParams.get('token') ?? '') };
  }

  it('mails a link built from the configured portal address (not the Host header), single use, ending every session', async () => {
    const { fx, contact } = await setup();
    const session = await signInContact(t.app, fx.host, contact.username, contact.password);
    const anon = client(t.app, fx.host);
    const res = await anon.post('/api/v1/portal/auth/forgot-password', { login: contact.email }, { 'x-forwarded-host': 'evil.example' });
    expectStatus(res, 200);
    const { mail, link, token } = await linkFor(fx.tenant.id, contact.email);
    expect(link.startsWith('https://portal.acme.example/reset-password?token=')).toBe(true);
    expect(mail.parsed.subject).toBe('Reimposta la password del portale');
    // Stored hashed only.
    const stored = await t.ctx.db.selectFrom('password_resets').select(['token_hash', 'expires_at']).where('contact_id', '=', contact.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashToken(token));
    expect(stored.token_hash).not.toContain(token);
    expect(Math.abs(stored.expires_at.getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);

    expectStatus(await anon.post('/api/v1/portal/auth/reset-password', { token, newPassword: 'brand-new-password-1' }), 200);
    expect((await session.get('/api/v1/portal/me')).statusCode).toBe(401);
    await signInContact(t.app, fx.host, contact.username, 'brand-new-password-1');
    expectError(await anon.post('/api/v1/portal/auth/reset-password', { token, newPassword: 'another-password-22' }), 400, 'RESET_TOKEN_INVALID');
    // The generated password is forgotten once the contact chose one.
    const row = await t.ctx.db.selectFrom('contacts').select('initial_password_enc').where('id', '=', contact.id).executeTakeFirstOrThrow();
    expect(row.initial_password_enc).toBeNull();
  });

  it('answers the same for an unknown account and sends nothing; by username works too', async () => {
    const { fx, contact } = await setup();
    const anon = client(t.app, fx.host);
    const unknown = await anon.post('/api/v1/portal/auth/forgot-password', { login: `nobody-${uniq()}@customer.example` });
    const known = await anon.post('/api/v1/portal/auth/forgot-password', { login: contact.username });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    const mails = await t.ctx.db.selectFrom('outbox').select('payload').where('tenant_id', '=', fx.tenant.id).where('topic', '=', 'mail').execute();
    expect(mails).toHaveLength(1);
  });

  it('caps reset requests per client IP (429 after 20 a quarter hour), whatever the account', async () => {
    const { fx } = await setup();
    const anon = client(t.app, fx.host);
    for (let i = 0; i < 20; i++) expectStatus(await anon.post('/api/v1/portal/auth/forgot-password', { login: `nobody-${i}@customer.example` }), 200);
    expectError(await anon.post('/api/v1/portal/auth/forgot-password', { login: 'nobody@customer.example' }), 429, 'TOO_MANY_ATTEMPTS');
    expectStatus(await client(t.app, fx.host).post('/api/v1/portal/auth/forgot-password', { login: 'nobody@customer.example' }), 200);
  });

  it('refuses an expired token, a token of another tenant, and a weak password, changing nothing', async () => {
    const { fx, contact } = await setup();
    const other = await makeTenant(t.ctx);
    const anon = client(t.app, fx.host);
    await anon.post('/api/v1/portal/auth/forgot-password', { login: contact.email });
    const { token } = await linkFor(fx.tenant.id, contact.email);
    expectError(await anon.post('/api/v1/portal/auth/reset-password', { token, newPassword: 'short' }), 400, 'VALIDATION_FAILED');
    expectError(await client(t.app, other.host).post('/api/v1/portal/auth/reset-password', { token, newPassword: 'valid-password-123' }), 400, 'RESET_TOKEN_INVALID');
    await t.ctx.db.updateTable('password_resets').set({ expires_at: new Date(Date.now() - 1000) }).where('contact_id', '=', contact.id).execute();
    expectError(await anon.post('/api/v1/portal/auth/reset-password', { token, newPassword: 'valid-password-123' }), 400, 'RESET_TOKEN_INVALID');
    await signInContact(t.app, fx.host, contact.username, contact.password);
  });
});
