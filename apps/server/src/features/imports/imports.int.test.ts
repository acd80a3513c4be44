import type { ImportPreview, ImportReport, ImportStreamLine } from '@porta/contracts/imports';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession, signInContact, signInTechnician } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTechnician, makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;
let other: TenantFixture;
let tech: Client;

beforeAll(async () => {
  [fx, other] = await Promise.all([makeTenant(t.ctx), makeTenant(t.ctx)]);
  const person = await makeTechnician(t.ctx, fx.tenant.id);
  tech = await signInTechnician(t.app, fx.host, person.email, person.password);
});

const customersOf = (tenantId: string) =>
  t.ctx.db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy('name').execute();
const domainsOf = (tenantId: string, customerId: string) =>
  t.ctx.db.selectFrom('customer_domains').select('domain').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).orderBy('domain').execute().then((r) => r.map((d) => d.domain));
const contactsOf = (tenantId: string) =>
  t.ctx.db
    .selectFrom('contacts')
    .select(['id', 'email', 'first_name', 'last_name', 'customer_id', 'language', 'is_primary', 'phone', 'username', 'password_hash', 'welcome_sent_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('email')
    .execute();

async function run(c: Client, body: Record<string, unknown>, headers?: Record<string, string>) {
  return c.post('/api/v1/imports', body, headers);
}

describe('imports: preview (issue 15 item 5)', () => {
  it('reads the header, counts rows, shows the first ones and guesses the mapping from French headers', async () => {
    const content = '\uFEFFPrénom;Nom;Courriel;Société;Langue\r\nZoë;Müller;zoe@muller.de;"Müller; Söhne";de\r\n';
    const res = await tech.post('/api/v1/imports/preview', { kind: 'contacts', content });
    expectStatus(res, 200);
    expect(res.json<ImportPreview>()).toEqual({
      kind: 'contacts',
      delimiter: ';',
      headers: ['Prénom', 'Nom', 'Courriel', 'Société', 'Langue'],
      rowCount: 1,
      sample: [['Zoë', 'Müller', 'zoe@muller.de', 'Müller; Söhne', 'de']],
      mapping: { firstName: 0, lastName: 1, email: 2, customer: 3, language: 4 },
    });
  });

  it('answers localised errors for files it cannot take', async () => {
    expectError(await tech.post('/api/v1/imports/preview', { kind: 'contacts', content: 'a,b\n1,"2\n' }), 400, 'IMPORT_CSV_INVALID');
    expectError(await tech.post('/api/v1/imports/preview', { kind: 'contacts', content: 'email\n' }), 400, 'IMPORT_CSV_EMPTY');
    const big = await tech.post('/api/v1/imports/preview', { kind: 'customers', content: `name\n${'x'.repeat(10 * 1024 * 1024)}` }, { 'accept-language': 'it' });
    const error = expectError(big, 413, 'IMPORT_FILE_TOO_LARGE');
    expect(error.message).toContain('10 MB');
    expect(error.message).toMatch(/file è troppo grande/);
    expectError(await tech.post('/api/v1/imports/preview', { kind: 'people', content: 'a\n1' }), 400, 'VALIDATION_FAILED');
  });
});

describe('imports: customers', () => {
  it('a dry run counts and reports per-row errors and writes nothing; the real run writes all in one go', async () => {
    const tenant = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, tenant.host, tenant.admin.email, tenant.admin.password);
    const existing = await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Rossi Srl', domains: ['rossi.it'] });
    await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Bianchi', domains: ['bianchi.it'] });
    const content = ['Company,Domains', 'Acme,"acme.com; ACME.net"', 'rossi srl,rossi.it rossi.com', 'Verdi,not a domain', 'Acme,acme.org', 'Neri,bianchi.it', ',x.com'].join('\n');
    const dry = await run(admin, { kind: 'customers', content, mapping: { name: 0, domains: 1 }, duplicates: 'update' });
    expectStatus(dry, 200);
    const report = dry.json<ImportReport>();
    expect(report).toMatchObject({ dryRun: true, committed: false, counts: { rows: 6, create: 1, update: 1, skip: 0, error: 4 } });
    expect(report.errors.map((e) => [e.row, e.field, e.column, e.code])).toEqual([
      [4, 'domains', 1, 'INVALID_DOMAIN'],
      [5, 'name', 0, 'DUPLICATE_IN_FILE'],
      [6, 'domains', 1, 'DOMAIN_TAKEN'],
      [7, 'name', 0, 'REQUIRED'],
    ]);
    expect(report.errors[0]?.message).toBe('Not a valid domain (such as example.com).');
    expect((await customersOf(tenant.tenant.id)).map((c) => c.name)).toEqual(['Bianchi', 'Rossi Srl']);

    // With errors, a real run refuses and writes nothing.
    const refused = await run(admin, { kind: 'customers', content, mapping: { name: 0, domains: 1 }, duplicates: 'update', dryRun: false });
    const error = expectError(refused, 422, 'IMPORT_HAS_ERRORS');
    expect(error.details).toMatchObject({ counts: { error: 4 } });
    expect(await customersOf(tenant.tenant.id)).toHaveLength(2);

    const clean = ['Company,Domains', 'Acme,"acme.com; ACME.net"', 'rossi srl,rossi.it rossi.com', 'Verdi,'].join('\r\n');
    const done = await run(admin, { kind: 'customers', content: clean, mapping: { name: 0, domains: 1 }, duplicates: 'update', dryRun: false });
    expectStatus(done, 200);
    expect(done.json<ImportReport>()).toMatchObject({ dryRun: false, committed: true, counts: { rows: 3, create: 2, update: 1, skip: 0, error: 0 } });
    const after = await customersOf(tenant.tenant.id);
    expect(after.map((c) => c.name)).toEqual(['Acme', 'Bianchi', 'Rossi Srl', 'Verdi']);
    const acme = after.find((c) => c.name === 'Acme');
    expect(await domainsOf(tenant.tenant.id, acme?.id ?? '')).toEqual(['acme.com', 'acme.net']);
    expect(await domainsOf(tenant.tenant.id, existing.id)).toEqual(['rossi.com', 'rossi.it']);

    // Skip leaves the existing customer as it is.
    const skipped = await run(admin, { kind: 'customers', content: 'name,domains\nRossi Srl,rossi.eu', mapping: { name: 0, domains: 1 }, duplicates: 'skip', dryRun: false });
    expect(skipped.json<ImportReport>().counts).toMatchObject({ create: 0, update: 0, skip: 1 });
    expect(await domainsOf(tenant.tenant.id, existing.id)).toEqual(['rossi.com', 'rossi.it']);
  });

  it('refuses a mapping without the name, with another kind\'s field, or past the last column', async () => {
    const content = 'a,b\n1,2';
    expectError(await run(tech, { kind: 'customers', content, mapping: { domains: 1 } }), 400, 'IMPORT_MAPPING_INVALID');
    expectError(await run(tech, { kind: 'customers', content, mapping: { name: 0, email: 1 } }), 400, 'IMPORT_MAPPING_INVALID');
    expectError(await run(tech, { kind: 'customers', content, mapping: { name: 2 } }), 400, 'IMPORT_MAPPING_INVALID');
    expectError(await run(tech, { kind: 'customers', content, mapping: { name: 0, nope: 1 } }), 400, 'VALIDATION_FAILED');
  });
});

describe('imports: contacts', () => {
  it('finds customers by name, domain or the e-mail domain; reads languages, flags and phones; updates or skips duplicates', async () => {
    const tenant = await makeTenant(t.ctx, { language: 'it' });
    const admin = await signInTechnician(t.app, tenant.host, tenant.admin.email, tenant.admin.password);
    const rossi = await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Rossi Srl', domains: ['rossi.it'] });
    const dupont = await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Dupont SA', domains: ['dupont.fr'] });
    const known = await makeContact(t.ctx, tenant.tenant.id, rossi.id, { firstName: 'Old', lastName: 'Name', email: 'mario@rossi.it' });
    const content = [
      'Nome;Cognome;E-mail;Azienda;Lingua;Principale;Telefono',
      'Luigi;Verdi;LUIGI@rossi.it;;;sì;+39 02 1234 5678',
      'Jeanne;Martin;jeanne@example.org;Dupont SA;Français;non;',
      'Hans;Weber;hans@example.net;dupont.fr;de-CH;;',
      'Mario;Rossi;mario@rossi.it;;en;ja;',
    ].join('\n');
    const mapping = { firstName: 0, lastName: 1, email: 2, customer: 3, language: 4, isPrimary: 5, phone: 6 };
    const dry = await run(admin, { kind: 'contacts', content, mapping, duplicates: 'update' });
    expect(dry.json<ImportReport>()).toMatchObject({ counts: { rows: 4, create: 3, update: 1, skip: 0, error: 0 }, errors: [] });

    const done = await run(admin, { kind: 'contacts', content, mapping, duplicates: 'update', dryRun: false });
    expect(done.json<ImportReport>()).toMatchObject({ committed: true, counts: { create: 3, update: 1 } });
    const rows = await contactsOf(tenant.tenant.id);
    const by = (email: string) => rows.find((r) => r.email === email);
    expect(by('luigi@rossi.it')).toMatchObject({ first_name: 'Luigi', customer_id: rossi.id, language: 'it', is_primary: true, phone: '+390212345678', welcome_sent_at: null });
    expect(by('jeanne@example.org')).toMatchObject({ customer_id: dupont.id, language: 'fr', is_primary: false, phone: null });
    expect(by('hans@example.net')).toMatchObject({ customer_id: dupont.id, language: 'de' });
    // Updated: the non-empty cells; the empty customer cell keeps the customer.
    expect(by('mario@rossi.it')).toMatchObject({ id: known.id, first_name: 'Mario', last_name: 'Rossi', customer_id: rossi.id, language: 'en', is_primary: true });
    expect(by('luigi@rossi.it')?.username).toBe('luigi.verdi');

    // Skip: the same file again changes nothing.
    const again = await run(admin, { kind: 'contacts', content: content.replace('Mario;Rossi', 'Marco;Bruni'), mapping, duplicates: 'skip', dryRun: false });
    expect(again.json<ImportReport>().counts).toMatchObject({ create: 0, update: 0, skip: 4 });
    expect((await contactsOf(tenant.tenant.id)).find((r) => r.email === 'mario@rossi.it')?.first_name).toBe('Mario');
  });

  it('reports each bad cell with its row, column and code', async () => {
    const tenant = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, tenant.host, tenant.admin.email, tenant.admin.password);
    await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Twin', domains: ['twin-a.com'] });
    await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Twin', domains: ['twin-b.com'] });
    const content = [
      'email,first,last,customer,language,primary,phone',
      'not-an-email,A,B,twin-a.com,,,',
      'a@twin-a.com,,B,,,,',
      'b@twin-a.com,A,B,Twin,,,',
      'c@nowhere.com,A,B,,,,',
      'd@twin-a.com,A,B,,pt,maybe,12',
      'd@twin-a.com,A,B,,,,',
    ].join('\n');
    const res = await run(admin, { kind: 'contacts', content, mapping: { email: 0, firstName: 1, lastName: 2, customer: 3, language: 4, isPrimary: 5, phone: 6 } }, { 'accept-language': 'de' });
    const report = res.json<ImportReport>();
    expect(report.counts).toMatchObject({ rows: 6, create: 0, error: 6 });
    expect(report.errors.map((e) => [e.row, e.field, e.column, e.code])).toEqual([
      [2, 'email', 0, 'INVALID_EMAIL'],
      [3, 'firstName', 1, 'REQUIRED'],
      [4, 'customer', 3, 'CUSTOMER_AMBIGUOUS'],
      [5, 'customer', 3, 'CUSTOMER_NOT_FOUND'],
      [6, 'language', 4, 'INVALID_LANGUAGE'],
      [6, 'isPrimary', 5, 'INVALID_BOOLEAN'],
      [6, 'phone', 6, 'INVALID_PHONE'],
      [7, 'email', 0, 'DUPLICATE_IN_FILE'],
    ]);
    expect(report.errors[1]?.message).toBe('Dieses Feld ist erforderlich.');
  });

  it('an imported contact signs in with the generated password the console shows, which then gets its argon2id hash', async () => {
    const tenant = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, tenant.host, tenant.admin.email, tenant.admin.password);
    await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Acme', domains: ['acme.com'] });
    const res = await run(admin, { kind: 'contacts', content: 'email,first,last\nanna@acme.com,Anna,Bell', mapping: { email: 0, firstName: 1, lastName: 2 }, dryRun: false });
    expectStatus(res, 200);
    const [row] = await contactsOf(tenant.tenant.id);
    expect(row?.password_hash).toBe('');
    const detail = await admin.get(`/api/v1/contacts/${row?.id}`);
    const { credentials } = detail.json<{ credentials: { username: string; password: string } }>();
    expect(credentials.username).toBe('anna.bell');
    const wrong = await admin.post('/api/v1/portal/auth/login', { username: 'anna.bell', password: 'wrong-password-1' });
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    expect((await contactsOf(tenant.tenant.id))[0]?.password_hash).toBe('');
    const contact = await signInContact(t.app, tenant.host, credentials.username, credentials.password);
    expectStatus(await contact.get('/api/v1/portal/me'), 200);
    expect((await contactsOf(tenant.tenant.id))[0]?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('an imported contact who never signed in changes the generated password with it', async () => {
    const tenant = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, tenant.host, tenant.admin.email, tenant.admin.password);
    await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Acme', domains: ['acme.com'] });
    await run(admin, { kind: 'contacts', content: 'email,first,last\nbea@acme.com,Bea,Cole', mapping: { email: 0, firstName: 1, lastName: 2 }, dryRun: false });
    const [row] = await contactsOf(tenant.tenant.id);
    const { credentials } = (await admin.get(`/api/v1/contacts/${row?.id}`)).json<{ credentials: { username: string; password: string } }>();
    // A session made directly: the change of password is the first use of the generated one.
    const contact = await mintSession(t.app, t.ctx, tenant.host, tenant.tenant.id, 'contact', row?.id ?? '');
    expectError(await contact.post('/api/v1/portal/me/password', { currentPassword: 'not-the-password-1', newPassword: 'Quiet-Harbour-Lantern-42' }), 400, 'PASSWORD_INCORRECT');
    expectStatus(await contact.post('/api/v1/portal/me/password', { currentPassword: credentials.password, newPassword: 'Quiet-Harbour-Lantern-42' }), 200);
    const after = await t.ctx.db.selectFrom('contacts').select(['password_hash', 'initial_password_enc']).where('id', '=', row?.id ?? '').executeTakeFirstOrThrow();
    expect(after.password_hash).toMatch(/^\$argon2id\$/);
    expect(after.initial_password_enc).toBeNull();
  });

  it('queues the welcome e-mail (A-2) only when asked, in the same transaction', async () => {
    const tenant = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, tenant.host, tenant.admin.email, tenant.admin.password);
    await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Acme', domains: ['acme.com'] });
    const body = { kind: 'contacts', mapping: { email: 0, firstName: 1, lastName: 2 }, dryRun: false };
    await run(admin, { ...body, content: 'email,first,last\nno@acme.com,No,Mail' });
    await run(admin, { ...body, content: 'email,first,last\nyes@acme.com,Yes,Mail', sendWelcomeEmail: true });
    const events = await t.ctx.db.selectFrom('outbox').select('payload').where('tenant_id', '=', tenant.tenant.id).where('topic', '=', 'contact.created').execute();
    const contacts = await contactsOf(tenant.tenant.id);
    const sent = (email: string) => {
      const id = contacts.find((c) => c.email === email)?.id;
      return events.map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as { contactId: string; sendWelcome: boolean }).find((p) => p.contactId === id)?.sendWelcome;
    };
    expect([sent('no@acme.com'), sent('yes@acme.com')]).toEqual([false, true]);
    expect(contacts.find((c) => c.email === 'yes@acme.com')?.welcome_sent_at).not.toBeNull();
  });

  it('streams progress lines and the result when asked for application/x-ndjson', async () => {
    const tenant = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, tenant.host, tenant.admin.email, tenant.admin.password);
    await makeCustomer(t.ctx, tenant.tenant.id, { name: 'Acme', domains: ['acme.com'] });
    const lines = Array.from({ length: 1200 }, (_, i) => `p${i}@acme.com,P,${i}`);
    const res = await run(admin, { kind: 'contacts', content: `email,first,last\n${lines.join('\n')}`, mapping: { email: 0, firstName: 1, lastName: 2 }, dryRun: false }, { accept: 'application/x-ndjson' });
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const stream = res.body.trim().split('\n').map((l) => JSON.parse(l) as ImportStreamLine);
    expect(stream.filter((l) => l.type === 'progress')).toEqual([
      { type: 'progress', done: 0, total: 1200 },
      { type: 'progress', done: 500, total: 1200 },
      { type: 'progress', done: 1000, total: 1200 },
      { type: 'progress', done: 1200, total: 1200 },
    ]);
    expect(stream.at(-1)).toMatchObject({ type: 'result', report: { committed: true, counts: { create: 1200 } } });
    expect(await contactsOf(tenant.tenant.id)).toHaveLength(1200);
    // Rows with errors: an ordinary error answer, no stream.
    const bad = await run(admin, { kind: 'contacts', content: 'email,first,last\nbad,P,Q', mapping: { email: 0, firstName: 1, lastName: 2 }, dryRun: false }, { accept: 'application/x-ndjson' });
    expectError(bad, 422, 'IMPORT_HAS_ERRORS');
  });
});

describe('imports: tenant isolation', () => {
  it("another tenant's customers, domains and contacts are never matched nor touched", async () => {
    const theirs = await makeCustomer(t.ctx, other.tenant.id, { name: `Shared ${uniq()}`, domains: [`shared-${uniq()}.com`] });
    const [theirDomain] = await domainsOf(other.tenant.id, theirs.id);
    const theirContact = await makeContact(t.ctx, other.tenant.id, theirs.id, { firstName: 'Their', lastName: 'Person' });
    const before = await contactsOf(other.tenant.id);

    // By name or domain: not found here.
    const byName = await run(tech, { kind: 'contacts', content: `email,first,last,customer\nx-${uniq()}@example.com,A,B,${theirs.name}\ny-${uniq()}@${theirDomain},A,B,`, mapping: { email: 0, firstName: 1, lastName: 2, customer: 3 } });
    expect(byName.json<ImportReport>().errors.map((e) => e.code)).toEqual(['CUSTOMER_NOT_FOUND', 'CUSTOMER_NOT_FOUND']);

    // Their domain is free here, their contact's e-mail is new here: created in this tenant, theirs untouched.
    const mine = await run(tech, { kind: 'customers', content: `name,domains\n${theirs.name},${theirDomain}`, mapping: { name: 0, domains: 1 }, duplicates: 'update', dryRun: false });
    expect(mine.json<ImportReport>().counts).toMatchObject({ create: 1, update: 0 });
    const contact = await run(tech, { kind: 'contacts', content: `email,first,last,customer\n${theirContact.email},Mine,Now,${theirs.name}`, mapping: { email: 0, firstName: 1, lastName: 2, customer: 3 }, duplicates: 'update', dryRun: false });
    expect(contact.json<ImportReport>().counts).toMatchObject({ create: 1, update: 0 });
    expect(await contactsOf(other.tenant.id)).toEqual(before);
    expect(await domainsOf(other.tenant.id, theirs.id)).toEqual([theirDomain]);
  });
});

describe('imports: racing the delete of the customer they reference', () => {
  it('either the contacts are imported and the delete is refused, or nothing is imported; never a 5xx', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const customer = await makeCustomer(t.ctx, fx.tenant.id, { name: `Race ${uniq()}` });
      const content = `email,first,last,customer\n${Array.from({ length: 50 }, (_, n) => `r${n}-${uniq()}@race.example.com,R,${n},${customer.name}`).join('\n')}`;
      const write = () => run(tech, { kind: 'contacts', content, mapping: { email: 0, firstName: 1, lastName: 2, customer: 3 }, dryRun: false });
      const remove = () => tech.delete(`/api/v1/customers/${customer.id}`);
      const [w, r] = i % 2 === 0 ? await Promise.all([write(), remove()]) : await Promise.all([remove(), write()]).then(([a, b]) => [b, a] as const);
      const written = await t.ctx.db.selectFrom('contacts').select('id').where('tenant_id', '=', fx.tenant.id).where('customer_id', '=', customer.id).execute();
      if (w.statusCode === 200) {
        expectError(r, 409, 'CUSTOMER_HAS_CONTACTS');
        expect(written).toHaveLength(50);
      } else {
        expect([422, 409], w.body.slice(0, 200)).toContain(w.statusCode);
        expect(['IMPORT_HAS_ERRORS', 'IMPORT_CONFLICT']).toContain(w.json<{ error: { code: string } }>().error.code);
        expectStatus(r, 204);
        expect(written).toHaveLength(0);
      }
      seen.add(`${w.statusCode}/${r.statusCode}`);
    }
    expect(seen.size).toBeGreaterThan(0);
  });
});
