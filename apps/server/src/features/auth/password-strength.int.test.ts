import { preloadPasswordStrength } from '@porta/contracts/password-strength';
import { translate } from '@porta/i18n/translate';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken, randomToken } from '../../platform/crypto/tokens.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { client, signInContact, signInTechnician, type Client, type Response } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, uniq, type ContactFixture, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { insertReset } from '../password-reset/password-reset.repo.ts';

/**
 * Issue 9 item 4: every route that sets a password refuses a weak one with 400
 * PASSWORD_TOO_WEAK saying why and how in the caller's language, and changes nothing.
 */
const t = useTestApp();

interface WeakDetail {
  field: string;
  code: string;
  message: string;
  warning: { key: string; message: string } | null;
  suggestions: { key: string; message: string }[];
}

function expectWeak(res: Response, lang: 'en' | 'fr' | 'de' | 'es' | 'it', field: string, warning: string): WeakDetail {
  const err = expectError(res, 400, 'PASSWORD_TOO_WEAK');
  const [detail] = err.details as WeakDetail[];
  expect(detail).toMatchObject({ field, code: 'password_weak', warning: { key: warning, message: translate(lang, 'common', `passwordStrength.warnings.${warning}`) } });
  expect(detail?.suggestions.length).toBeGreaterThan(0);
  expect(err.message.startsWith(translate(lang, 'errors', 'PASSWORD_TOO_WEAK'))).toBe(true);
  expect(err.message).toContain(detail?.warning?.message);
  return detail as WeakDetail;
}

let fx: TenantFixture;
let admin: Client;
let contact: ContactFixture;

beforeAll(async () => {
  await preloadPasswordStrength();
  fx = await makeTenant(t.ctx, { name: 'Northwind Traders' });
  admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  contact = await makeContact(t.ctx, fx.tenant.id, customer.id, { firstName: 'Grace', lastName: 'Hopper', language: 'fr' });
});

describe('weak passwords are refused on every route that sets one', () => {
  it('POST /api/v1/technicians: "password12" → 400 in German, no technician made', async () => {
    const email = `weak-${uniq()}@msp.example.com`;
    const res = await admin.post('/api/v1/technicians', { name: 'Otto Weak', email, password: 'password12', isAdmin: false }, { 'accept-language': 'de' });
    expectWeak(res, 'de', 'password', 'common');
    const rows = await t.ctx.db.selectFrom('technicians').select('id').where('tenant_id', '=', fx.tenant.id).where('email', '=', email).execute();
    expect(rows).toEqual([]);
    expectStatus(await admin.post('/api/v1/technicians', { name: 'Otto Strong', email, password: 'violet tractor seventeen lagoon', isAdmin: false }), 201);
  });

  it('POST /api/v1/me/password: the tenant\'s name → 400 in Spanish, the old password still works', async () => {
    const res = await admin.post('/api/v1/me/password', { currentPassword: fx.admin.password, newPassword: 'NorthwindTraders#1' }, { 'accept-language': 'es' });
    const err = expectError(res, 400, 'PASSWORD_TOO_WEAK');
    expect(err.message).toContain(translate('es', 'common', 'passwordStrength.suggestions.longer'));
    await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
  });

  it('POST /api/v1/portal/me/password: the contact\'s own name → 400 in their language (French), nothing changed', async () => {
    const session = await signInContact(t.app, fx.host, contact.username, contact.password);
    const res = await session.post('/api/v1/portal/me/password', { currentPassword: contact.password, newPassword: 'Grace Hopper2024' });
    expectWeak(res, 'fr', 'newPassword', 'userInputs');
    const row = await t.ctx.db.selectFrom('contacts').select(['initial_password_enc', 'password_changed_at']).where('id', '=', contact.id).executeTakeFirstOrThrow();
    expect(row.initial_password_enc).not.toBeNull();
    expect(row.password_changed_at).toBeNull();
    expectStatus(await session.get('/api/v1/portal/me'), 200);
  });

  it('POST /api/v1/portal/auth/reset-password: weak → 400 in Italian, the token stays usable for a strong one', async () => {
    const token = randomToken(24);
    await insertReset(t.ctx.db, fx.tenant.id, contact.id, hashToken(token), new Date(Date.now() + 3_600_000));
    const anon = client(t.app, fx.host);
    expectWeak(await anon.post('/api/v1/portal/auth/reset-password', { token, newPassword: 'password12' }, { 'accept-language': 'it' }), 'it', 'newPassword', 'common');
    const spent = await t.ctx.db.selectFrom('password_resets').select('used_at').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    expect(spent.used_at).toBeNull();
    await signInContact(t.app, fx.host, contact.username, contact.password);
    expectStatus(await anon.post('/api/v1/portal/auth/reset-password', { token, newPassword: 'violet tractor seventeen lagoon' }), 200);
    await signInContact(t.app, fx.host, contact.username, 'violet tractor seventeen lagoon');
  });

  it('an unknown reset token is still RESET_TOKEN_INVALID whatever the password', async () => {
    expectError(await client(t.app, fx.host).post('/api/v1/portal/auth/reset-password', { token: randomToken(24), newPassword: 'password12' }), 400, 'RESET_TOKEN_INVALID');
  });
});
