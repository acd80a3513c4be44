import { translate } from '@porta/i18n/translate';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { client, signInContact, signInTechnician } from '../../test/client.ts';
import { type ContactFixture, makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;
let customer: { id: string; name: string };

beforeAll(async () => {
  fx = await makeTenant(t.ctx, { name: 'Acme IT' });
  customer = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Rossi Srl' });
});

const newContact = (opts: Parameters<typeof makeContact>[3] = {}) => makeContact(t.ctx, fx.tenant.id, customer.id, opts);

interface PortalUser {
  id: string;
  username: string;
  language: string;
  phone: string | null;
  isPrimary: boolean;
  customer: { id: string; name: string };
  tenant: { slug: string; name: string };
  sections: Record<string, boolean>;
}

describe('portal sign-in (A-7)', () => {
  let contact: ContactFixture;
  beforeAll(async () => {
    contact = await newContact({ isPrimary: true });
  });

  it('signs in with username and password, trimmed and in any case; answers the user and a CSRF token', async () => {
    const res = await client(t.app, fx.host).post('/api/v1/portal/auth/login', { username: `  ${contact.username.toUpperCase()} `, password: contact.password });
    expectStatus(res, 200);
    const body = res.json<{ user: PortalUser; csrfToken: string }>();
    expect(body.user).toMatchObject({
      id: contact.id,
      username: contact.username,
      isPrimary: true,
      customer: { id: customer.id, name: 'Rossi Srl' },
      tenant: { slug: fx.tenant.slug, name: 'Acme IT' },
    });
    // T-2: the Ticketing section is on for everyone by default; every section is a flag.
    expect(Object.keys(body.user.sections).sort()).toEqual(['assistant', 'kb', 'selfService', 'tickets']);
    expect(body.user.sections.tickets).toBe(true);
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(res.cookies.find((k) => k.name === 'porta_portal')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('refuses a wrong password, an unknown username, and another tenant with 401 INVALID_CREDENTIALS', async () => {
    expectError(await client(t.app, fx.host).post('/api/v1/portal/auth/login', { username: contact.username, password: 'wrong' }), 401, 'INVALID_CREDENTIALS');
    expectError(await client(t.app, fx.host).post('/api/v1/portal/auth/login', { username: 'nobody', password: contact.password }), 401, 'INVALID_CREDENTIALS');
    const other = await makeTenant(t.ctx);
    expectError(await client(t.app, other.host).post('/api/v1/portal/auth/login', { username: contact.username, password: contact.password }), 401, 'INVALID_CREDENTIALS');
  });

  it('portal and console sessions are separate: neither cookie opens the other area', async () => {
    const portal = await signInContact(t.app, fx.host, contact.username, contact.password);
    const console = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectError(await portal.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expectError(await portal.get('/api/v1/customers'), 401, 'UNAUTHENTICATED');
    expectError(await console.get('/api/v1/portal/me'), 401, 'UNAUTHENTICATED');
  });

  it('GET /api/v1/portal/me answers the user with the session’s CSRF token', async () => {
    const portal = await signInContact(t.app, fx.host, contact.username, contact.password);
    const me = await portal.get('/api/v1/portal/me');
    expectStatus(me, 200);
    expect(me.json<PortalUser & { csrfToken: string }>()).toMatchObject({ id: contact.id, csrfToken: portal.csrfToken });
    expectError(await client(t.app, fx.host).get('/api/v1/portal/me'), 401, 'UNAUTHENTICATED');
  });

  it('logout ends the session; "everywhere" ends all of them', async () => {
    const a = await signInContact(t.app, fx.host, contact.username, contact.password);
    const b = await signInContact(t.app, fx.host, contact.username, contact.password);
    const c = await signInContact(t.app, fx.host, contact.username, contact.password);
    expectError(await a.request('POST', '/api/v1/portal/auth/logout', { noCsrf: true }), 403, 'CSRF_INVALID');
    expectStatus(await a.post('/api/v1/portal/auth/logout'), 200);
    expectError(await a.get('/api/v1/portal/me'), 401, 'UNAUTHENTICATED');
    expectStatus(await b.get('/api/v1/portal/me'), 200);
    expectStatus(await b.post('/api/v1/portal/auth/logout', { everywhere: true }), 200);
    expectError(await c.get('/api/v1/portal/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('App settings: language and phone (L-1)', () => {
  it('the saved language governs error messages at once, even against Accept-Language', async () => {
    const contact = await newContact({ language: 'en' });
    const portal = await signInContact(t.app, fx.host, contact.username, contact.password);
    const en = 'accept-language';
    const before = expectError(await portal.patch('/api/v1/portal/me', { phone: '12' }, { [en]: 'en' }), 400, 'VALIDATION_FAILED');
    expect(before.message).toBe(translate('en', 'errors', 'VALIDATION_FAILED'));

    const res = await portal.patch('/api/v1/portal/me', { language: 'it' }, { [en]: 'en' });
    expectStatus(res, 200);
    expect(res.json<PortalUser>().language).toBe('it');

    const after = expectError(await portal.patch('/api/v1/portal/me', { phone: '12' }, { [en]: 'en' }), 400, 'VALIDATION_FAILED');
    expect(after.message).toBe(translate('it', 'errors', 'VALIDATION_FAILED'));
    expect((after.details as { message: string }[])[0]?.message).toBe(translate('it', 'errors', 'validation.invalid_format'));
    // Saved: a new session sees it too, and so does the console.
    const again = await signInContact(t.app, fx.host, contact.username, contact.password);
    expect((await again.get('/api/v1/portal/me')).json<PortalUser>().language).toBe('it');
    const row = await t.ctx.db.selectFrom('contacts').select('language').where('id', '=', contact.id).executeTakeFirstOrThrow();
    expect(row.language).toBe('it');
  });

  it('sets and clears the phone (E.164); refuses unknown keys and other people’s fields', async () => {
    const contact = await newContact();
    const portal = await signInContact(t.app, fx.host, contact.username, contact.password);
    expect((await portal.patch('/api/v1/portal/me', { phone: '+390212345678' })).json<PortalUser>().phone).toBe('+390212345678');
    expect((await portal.patch('/api/v1/portal/me', { phone: null })).json<PortalUser>().phone).toBeNull();
    const err = expectError(await portal.patch('/api/v1/portal/me', { isPrimary: true, customerId: customer.id }), 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual([expect.objectContaining({ field: 'body', code: 'unrecognized_keys' })]);
    const row = await t.ctx.db.selectFrom('contacts').select(['is_primary']).where('id', '=', contact.id).executeTakeFirstOrThrow();
    expect(row.is_primary).toBe(false);
  });

  it('PATCH needs the CSRF token', async () => {
    const contact = await newContact();
    const portal = await signInContact(t.app, fx.host, contact.username, contact.password);
    expectError(await portal.request('PATCH', '/api/v1/portal/me', { body: { language: 'fr' }, noCsrf: true }), 403, 'CSRF_INVALID');
  });
});

describe('contact password change (A-3)', () => {
  it('needs the current password and a new, different one of 10+ characters; ends the other sessions', async () => {
    const contact = await newContact();
    const a = await signInContact(t.app, fx.host, contact.username, contact.password);
    const b = await signInContact(t.app, fx.host, contact.username, contact.password);
    expectError(await a.post('/api/v1/portal/me/password', { currentPassword: 'wrong', newPassword: 'a-brand-new-one' }), 400, 'PASSWORD_INCORRECT');
    expectError(await a.post('/api/v1/portal/me/password', { currentPassword: contact.password, newPassword: 'short' }), 400, 'VALIDATION_FAILED');
    expectError(await a.post('/api/v1/portal/me/password', { currentPassword: contact.password, newPassword: contact.password }), 400, 'PASSWORD_TOO_WEAK');
    expectStatus(await a.post('/api/v1/portal/me/password', { currentPassword: contact.password, newPassword: 'a-brand-new-one' }), 200);
    expectStatus(await a.get('/api/v1/portal/me'), 200);
    expectError(await b.get('/api/v1/portal/me'), 401, 'UNAUTHENTICATED');
    await signInContact(t.app, fx.host, contact.username, 'a-brand-new-one');
  });
});
