import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, signInTechnician } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTechnician, makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;
let tech: Client;

interface Customer {
  id: string;
  name: string;
  domains: string[];
  contactCount: number;
}
interface Page {
  items: Customer[];
  total: number;
  page: number;
  pageSize: number;
}

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  const person = await makeTechnician(t.ctx, fx.tenant.id);
  tech = await signInTechnician(t.app, fx.host, person.email, person.password);
});

describe('customers: create, read, update (console)', () => {
  it('creates a customer with its domains, lowercased, deduplicated and sorted', async () => {
    const res = await tech.post('/api/v1/customers', { name: '  Rossi Srl ', domains: ['Rossi.IT', 'b-rossi.com', 'rossi.it'] });
    expectStatus(res, 201);
    const c = res.json<Customer>();
    expect(c).toMatchObject({ name: 'Rossi Srl', domains: ['b-rossi.com', 'rossi.it'], contactCount: 0 });
    const got = await tech.get(`/api/v1/customers/${c.id}`);
    expectStatus(got, 200);
    expect(got.json()).toEqual(c);
  });

  it('renames and replaces domains; an omitted field stays as it was', async () => {
    const c = (await tech.post('/api/v1/customers', { name: 'Bianchi', domains: [`bianchi-${uniq()}.it`] })).json<Customer>();
    const renamed = await tech.patch(`/api/v1/customers/${c.id}`, { name: 'Bianchi SpA' });
    expectStatus(renamed, 200);
    expect(renamed.json<Customer>()).toMatchObject({ name: 'Bianchi SpA', domains: c.domains });
    const redomained = await tech.patch(`/api/v1/customers/${c.id}`, { domains: [] });
    expect(redomained.json<Customer>()).toMatchObject({ name: 'Bianchi SpA', domains: [] });
  });

  it('refuses bad domains and empty names with 400 VALIDATION_FAILED and field details', async () => {
    const res = await tech.post('/api/v1/customers', { name: '', domains: ['not a domain'] });
    const err = expectError(res, 400, 'VALIDATION_FAILED');
    const fields = (err.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.domains.0']));
  });

  it('a domain belongs to one customer per tenant: 409 DOMAIN_TAKEN naming it, and nothing written (P-3)', async () => {
    const domain = `verdi-${uniq()}.it`;
    await makeCustomer(t.ctx, fx.tenant.id, { name: 'Verdi', domains: [domain] });
    const name = `Clash ${uniq()}`;
    const err = expectError(await tech.post('/api/v1/customers', { name, domains: ['ok-domain.example.com', domain.toUpperCase()] }), 409, 'DOMAIN_TAKEN');
    expect(err.message).toContain(domain);
    const rows = await t.ctx.db.selectFrom('customers').select('id').where('tenant_id', '=', fx.tenant.id).where('name', '=', name).execute();
    expect(rows).toHaveLength(0);

    const other = (await tech.post('/api/v1/customers', { name: 'Other' })).json<Customer>();
    expectError(await tech.patch(`/api/v1/customers/${other.id}`, { name: 'Other renamed', domains: [domain] }), 409, 'DOMAIN_TAKEN');
    expect((await tech.get(`/api/v1/customers/${other.id}`)).json<Customer>()).toMatchObject({ name: 'Other', domains: [] });
  });

  it('the same domain may belong to a customer of another tenant (invariant 1)', async () => {
    const domain = `shared-${uniq()}.it`;
    await makeCustomer(t.ctx, fx.tenant.id, { domains: [domain] });
    const other = await makeTenant(t.ctx);
    const otherAdmin = await signInTechnician(t.app, other.host, other.admin.email, other.admin.password);
    expectStatus(await otherAdmin.post('/api/v1/customers', { name: 'Same domain elsewhere', domains: [domain] }), 201);
  });

  it('answers 404 CUSTOMER_NOT_FOUND for an unknown id and 400 for a malformed one', async () => {
    expectError(await tech.get('/api/v1/customers/00000000-0000-4000-8000-000000000000'), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await tech.patch('/api/v1/customers/00000000-0000-4000-8000-000000000000', { name: 'x' }), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await tech.get('/api/v1/customers/42'), 400, 'VALIDATION_FAILED');
  });
});

describe('customers: list, search, pagination', () => {
  let listFx: TenantFixture;
  let c: Client;

  beforeAll(async () => {
    listFx = await makeTenant(t.ctx);
    c = await signInTechnician(t.app, listFx.host, listFx.admin.email, listFx.admin.password);
    for (const [name, domains] of [
      ['delta Ltd', ['delta.example.com']],
      ['Alpha', ['alpha.example.com']],
      ['charlie 100% IT', []],
      ['Bravo_Net', ['bravo.example.net']],
      ['echo', []],
      ['Foxtrot', ['fox.example.org']],
      ['golf', []],
    ] as const) {
      await makeCustomer(t.ctx, listFx.tenant.id, { name, domains: [...domains] });
    }
  });

  const names = (res: { json: <T>() => T }) => res.json<Page>().items.map((i) => i.name);

  it('sorts by name, case-insensitively, 25 a page by default', async () => {
    const res = await c.get('/api/v1/customers');
    expectStatus(res, 200);
    expect(res.json<Page>()).toMatchObject({ total: 7, page: 1, pageSize: 25 });
    expect(names(res)).toEqual(['Alpha', 'Bravo_Net', 'charlie 100% IT', 'delta Ltd', 'echo', 'Foxtrot', 'golf']);
  });

  it('pages through with page and pageSize, the total on every page', async () => {
    const p1 = await c.get('/api/v1/customers?pageSize=3');
    const p3 = await c.get('/api/v1/customers?pageSize=3&page=3');
    const p4 = await c.get('/api/v1/customers?pageSize=3&page=4');
    expect(names(p1)).toEqual(['Alpha', 'Bravo_Net', 'charlie 100% IT']);
    expect(names(p3)).toEqual(['golf']);
    expect(p4.json<Page>()).toMatchObject({ items: [], total: 7, page: 4, pageSize: 3 });
    expectError(await c.get('/api/v1/customers?pageSize=101'), 400, 'VALIDATION_FAILED');
    expectError(await c.get('/api/v1/customers?page=0'), 400, 'VALIDATION_FAILED');
  });

  it('searches name and domains, case-insensitively; % and _ are plain characters', async () => {
    expect(names(await c.get('/api/v1/customers?q=ALPHA'))).toEqual(['Alpha']);
    expect(names(await c.get('/api/v1/customers?q=example.net'))).toEqual(['Bravo_Net']);
    expect(names(await c.get(`/api/v1/customers?q=${encodeURIComponent('100%')}`))).toEqual(['charlie 100% IT']);
    expect(names(await c.get('/api/v1/customers?q=%25'))).toEqual(['charlie 100% IT']);
    expect(names(await c.get('/api/v1/customers?q=_'))).toEqual(['Bravo_Net']);
    const none = await c.get('/api/v1/customers?q=zzz');
    expect(none.json<Page>()).toMatchObject({ items: [], total: 0 });
  });

  it("never lists another tenant's customers (invariant 1)", async () => {
    const res = await tech.get('/api/v1/customers?q=Foxtrot');
    expect(names(res)).toEqual([]);
  });
});

describe('customers: delete', () => {
  it('deletes a customer without contacts', async () => {
    const cu = await makeCustomer(t.ctx, fx.tenant.id);
    const res = await tech.delete(`/api/v1/customers/${cu.id}`);
    expectStatus(res, 204);
    expect(res.body).toBe('');
    expectError(await tech.get(`/api/v1/customers/${cu.id}`), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await tech.delete(`/api/v1/customers/${cu.id}`), 404, 'CUSTOMER_NOT_FOUND');
  });

  it('refuses to delete a customer that has contacts: 409 CUSTOMER_HAS_CONTACTS, customer kept', async () => {
    const cu = await makeCustomer(t.ctx, fx.tenant.id, { domains: [`kept-${uniq()}.it`] });
    await makeContact(t.ctx, fx.tenant.id, cu.id);
    expectError(await tech.delete(`/api/v1/customers/${cu.id}`), 409, 'CUSTOMER_HAS_CONTACTS');
    const kept = await tech.get(`/api/v1/customers/${cu.id}`);
    expectStatus(kept, 200);
    expect(kept.json<Customer>().contactCount).toBe(1);
  });
});
