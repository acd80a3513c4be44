import { beforeAll, describe, expect, it } from 'vitest';
import { decrypt } from '../../platform/crypto/keys.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, client, signInContact, signInTechnician } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { newTicket } from '../../test/authorization/world.ts';

const t = useTestApp();
let fx: TenantFixture;
let tech: Client;
let customerId: string;

interface Contact {
  id: string;
  customerId: string;
  customerName: string;
  username: string;
  email: string;
  isPrimary: boolean;
  language: string;
  phone: string | null;
  passwordState: 'initial' | 'contact';
}
interface Detail {
  contact: Contact;
  credentials: { username: string; password: string } | null;
}
interface Created {
  contact: Contact;
  credentials: { username: string; password: string };
}

beforeAll(async () => {
  fx = await makeTenant(t.ctx, { language: 'de' });
  tech = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
  customerId = (await makeCustomer(t.ctx, fx.tenant.id, { name: 'Rossi Srl' })).id;
});

async function create(body: Record<string, unknown>): Promise<Created> {
  const res = await tech.post('/api/v1/contacts', { customerId, ...body });
  expectStatus(res, 201);
  return res.json<Created>();
}

const rowOf = (id: string) => t.ctx.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('contact credentials (A-1)', () => {
  it('creating a contact answers a derived, unique username and a strong generated password', async () => {
    const first = await create({ firstName: 'Mario', lastName: 'Rossi', email: `mario-${uniq()}@rossi.example.com` });
    const second = await create({ firstName: 'Mario', lastName: 'Rossi', email: `mario-${uniq()}@rossi.example.com` });
    expect(first.credentials.username).toBe('mario.rossi');
    expect(second.credentials.username).toBe('mario.rossi2');
    expect(first.contact).toMatchObject({ username: 'mario.rossi', customerId, customerName: 'Rossi Srl', isPrimary: false, passwordState: 'initial' });
    expect(first.credentials.password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(first.credentials.password).not.toBe(second.credentials.password);
  });

  it('stores the password as argon2id and the initial one only encrypted: no plaintext anywhere in the row', async () => {
    const { contact, credentials } = await create({ firstName: 'Anna', lastName: 'Neri', email: `anna-${uniq()}@rossi.example.com` });
    const row = await rowOf(contact.id);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.initial_password_enc).not.toBeNull();
    expect(decrypt(t.ctx.keys, row.initial_password_enc ?? '')).toBe(credentials.password);
    expect(JSON.stringify(row)).not.toContain(credentials.password);
  });

  it('the generated credentials sign in to the portal', async () => {
    const { credentials } = await create({ firstName: 'Luca', lastName: 'Verdi', email: `luca-${uniq()}@rossi.example.com` });
    const portal = await signInContact(t.app, fx.host, credentials.username, credentials.password);
    expectStatus(await portal.get('/api/v1/portal/me'), 200);
  });

  it('GET shows the credentials until the contact sets a password, then null and passwordState "contact"', async () => {
    const { contact, credentials } = await create({ firstName: 'Sara', lastName: 'Gialli', email: `sara-${uniq()}@rossi.example.com` });
    const before = await tech.get(`/api/v1/contacts/${contact.id}`);
    expectStatus(before, 200);
    expect(before.json<Detail>().credentials).toEqual(credentials);

    const portal = await signInContact(t.app, fx.host, credentials.username, credentials.password);
    expectStatus(await portal.post('/api/v1/portal/me/password', { currentPassword: credentials.password, newPassword: 'my-own-password-1' }), 200);

    const after = await tech.get(`/api/v1/contacts/${contact.id}`);
    expect(after.json<Detail>()).toMatchObject({ credentials: null, contact: { passwordState: 'contact' } });
    const row = await rowOf(contact.id);
    expect(row.initial_password_enc).toBeNull();
    expect(row.password_changed_at).not.toBeNull();
    const list = await tech.get(`/api/v1/contacts?q=${encodeURIComponent(contact.email)}`);
    expect(list.body).not.toContain('my-own-password-1');
  });

  it('regenerating gives a new working password, keeps the username, and ends the contact’s sessions', async () => {
    const { contact, credentials } = await create({ firstName: 'Paolo', lastName: 'Blu', email: `paolo-${uniq()}@rossi.example.com` });
    const portal = await signInContact(t.app, fx.host, credentials.username, credentials.password);
    const res = await tech.post(`/api/v1/contacts/${contact.id}/credentials`);
    expectStatus(res, 200);
    const fresh = res.json<Created>().credentials;
    expect(fresh.username).toBe(credentials.username);
    expect(fresh.password).not.toBe(credentials.password);
    expectError(await portal.get('/api/v1/portal/me'), 401, 'UNAUTHENTICATED');
    expectError(await client(t.app, fx.host).post('/api/v1/portal/auth/login', credentials), 401, 'INVALID_CREDENTIALS');
    await signInContact(t.app, fx.host, fresh.username, fresh.password);
    expect((await tech.get(`/api/v1/contacts/${contact.id}`)).json<Detail>().credentials).toEqual(fresh);
  });

  it('falls back to the e-mail for names without usable letters', async () => {
    const { credentials } = await create({ firstName: '李', lastName: '王', email: `wang.li.${uniq(2)}@rossi.example.com` });
    expect(credentials.username).toMatch(/^wangli[0-9a-f]{4}$/);
  });
});

describe('contacts: create and edit', () => {
  it("defaults the language to the tenant's and isPrimary to false; takes language, phone and isPrimary", async () => {
    const plain = await create({ firstName: 'Kurt', lastName: 'Weber', email: `kurt-${uniq()}@rossi.example.com` });
    expect(plain.contact).toMatchObject({ language: 'de', isPrimary: false, phone: null });
    const full = await create({ firstName: 'Ugo', lastName: 'Re', email: `ugo-${uniq()}@rossi.example.com`, language: 'it', phone: '+390212345678', isPrimary: true });
    expect(full.contact).toMatchObject({ language: 'it', isPrimary: true, phone: '+390212345678' });
  });

  it('e-mail addresses are unique per tenant, whatever their case: 409 EMAIL_TAKEN', async () => {
    const email = `dup-${uniq()}@rossi.example.com`;
    await create({ firstName: 'A', lastName: 'B', email });
    expectError(await tech.post('/api/v1/contacts', { customerId, firstName: 'C', lastName: 'D', email: email.toUpperCase() }), 409, 'EMAIL_TAKEN');
  });

  it("refuses a customer of another tenant as if it did not exist: 404 CUSTOMER_NOT_FOUND", async () => {
    const other = await makeTenant(t.ctx);
    const foreign = await makeCustomer(t.ctx, other.tenant.id);
    const email = `x-${uniq()}@example.com`;
    expectError(await tech.post('/api/v1/contacts', { customerId: foreign.id, firstName: 'X', lastName: 'Y', email }), 404, 'CUSTOMER_NOT_FOUND');
    const rows = await t.ctx.db.selectFrom('contacts').select('id').where('email', '=', email).execute();
    expect(rows).toHaveLength(0);
  });

  it('validates e-mail and phone (E.164) with field details', async () => {
    const res = await tech.post('/api/v1/contacts', { customerId, firstName: 'A', lastName: 'B', email: 'not-an-email', phone: '02 1234' });
    const err = expectError(res, 400, 'VALIDATION_FAILED');
    expect((err.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['body.email', 'body.phone']);
  });

  it('PATCH changes only what it is given; phone null clears it; e-mail stays unique', async () => {
    const a = await create({ firstName: 'Eva', lastName: 'Rosa', email: `eva-${uniq()}@rossi.example.com`, phone: '+41441234567' });
    const b = await create({ firstName: 'Ivo', lastName: 'Nero', email: `ivo-${uniq()}@rossi.example.com` });
    const res = await tech.patch(`/api/v1/contacts/${a.contact.id}`, { lastName: 'Rosati', isPrimary: true, phone: null });
    expectStatus(res, 200);
    expect(res.json<Detail>().contact).toMatchObject({ firstName: 'Eva', lastName: 'Rosati', isPrimary: true, phone: null, username: a.contact.username });
    expectError(await tech.patch(`/api/v1/contacts/${b.contact.id}`, { email: a.contact.email }), 409, 'EMAIL_TAKEN');
    expectError(await tech.patch('/api/v1/contacts/00000000-0000-4000-8000-000000000000', { firstName: 'x' }), 404, 'CONTACT_NOT_FOUND');
  });
});

describe('contacts: list and search', () => {
  let listFx: TenantFixture;
  let c: Client;
  let acme: string;

  beforeAll(async () => {
    listFx = await makeTenant(t.ctx);
    c = await signInTechnician(t.app, listFx.host, listFx.admin.email, listFx.admin.password);
    acme = (await makeCustomer(t.ctx, listFx.tenant.id, { name: 'Acme' })).id;
    const globex = (await makeCustomer(t.ctx, listFx.tenant.id, { name: 'Globex' })).id;
    await makeContact(t.ctx, listFx.tenant.id, acme, { firstName: 'Zoe', lastName: 'Adams', email: 'zoe@acme.example.com' });
    await makeContact(t.ctx, listFx.tenant.id, acme, { firstName: 'Bob', lastName: 'brown', email: 'bob@acme.example.com' });
    await makeContact(t.ctx, listFx.tenant.id, globex, { firstName: 'Al', lastName: 'Clark', email: 'al@globex.example.com' });
  });

  const usernames = (res: { json: <T>() => T }) => res.json<{ items: Contact[] }>().items.map((i) => i.username);

  it('sorts by last then first name; filters by customer; pages', async () => {
    const all = await c.get('/api/v1/contacts');
    expectStatus(all, 200);
    expect(usernames(all)).toEqual(['zoe.adams', 'bob.brown', 'al.clark']);
    expect(all.json<{ total: number }>().total).toBe(3);
    expect(usernames(await c.get(`/api/v1/contacts?customerId=${acme}`))).toEqual(['zoe.adams', 'bob.brown']);
    const p2 = await c.get('/api/v1/contacts?pageSize=2&page=2');
    expect(p2.json<{ total: number }>().total).toBe(3);
    expect(usernames(p2)).toEqual(['al.clark']);
  });

  it('searches full name, e-mail and username, case-insensitively', async () => {
    expect(usernames(await c.get(`/api/v1/contacts?q=${encodeURIComponent('zoe ada')}`))).toEqual(['zoe.adams']);
    expect(usernames(await c.get('/api/v1/contacts?q=GLOBEX'))).toEqual(['al.clark']);
    expect(usernames(await c.get('/api/v1/contacts?q=bob.br'))).toEqual(['bob.brown']);
  });

  it('lists no contact of another tenant', async () => {
    expect(usernames(await tech.get(`/api/v1/contacts?q=zoe%40acme.example.com`))).toEqual([]);
    expect(usernames(await tech.get(`/api/v1/contacts?customerId=${acme}`))).toEqual([]);
  });
});

describe('contacts: delete', () => {
  it('refuses to delete a contact who has tickets: 409 CONTACT_HAS_TICKETS, contact kept (P-3)', async () => {
    const { contact } = await create({ firstName: 'Has', lastName: 'Tickets', email: `tix-${uniq()}@rossi.example.com` });
    await newTicket(t.ctx, fx.tenant.id, contact.id);
    expectError(await tech.delete(`/api/v1/contacts/${contact.id}`), 409, 'CONTACT_HAS_TICKETS');
    expectStatus(await tech.get(`/api/v1/contacts/${contact.id}`), 200);
  });

  it('deletes the contact and ends their portal sessions', async () => {
    const { contact, credentials } = await create({ firstName: 'Del', lastName: 'Eted', email: `del-${uniq()}@rossi.example.com` });
    const portal = await signInContact(t.app, fx.host, credentials.username, credentials.password);
    expectStatus(await tech.delete(`/api/v1/contacts/${contact.id}`), 204);
    expectError(await tech.get(`/api/v1/contacts/${contact.id}`), 404, 'CONTACT_NOT_FOUND');
    expectError(await portal.get('/api/v1/portal/me'), 401, 'UNAUTHENTICATED');
    const sessions = await t.ctx.db.selectFrom('sessions').select('id').where('subject_id', '=', contact.id).execute();
    expect(sessions).toHaveLength(0);
  });
});
