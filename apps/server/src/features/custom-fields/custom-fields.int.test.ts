import type { CustomField } from '@porta/contracts/custom-fields';
import type { PortalTicketDetail, TicketDetail } from '@porta/contracts/tickets';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { type ContactFixture, makeContact, makeCustomer, makeTechnician, makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { openTicket, outboxCount } from '../../test/tickets.ts';

const t = useTestApp();

let fx: TenantFixture;
let admin: Client;
let tech: Client;
let contact: ContactFixture;
let asContact: Client;

const FIELDS = [
  { key: 'assetTag', label: 'Asset tag', type: 'text' },
  { key: 'steps', label: 'Steps to reproduce', type: 'longText' },
  { key: 'seats', label: 'Seats', type: 'number' },
  { key: 'since', label: 'Broken since', type: 'date' },
  { key: 'site', label: 'Site', type: 'dropdown', options: ['Milan', 'Rome'] },
  { key: 'vip', label: 'VIP', type: 'checkbox' },
] as const;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  const person = await makeTechnician(t.ctx, fx.tenant.id);
  tech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', person.id);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  contact = await makeContact(t.ctx, fx.tenant.id, customer.id);
  asContact = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
});

const valuesOf = async (ticketId: string) =>
  Object.fromEntries(
    (
      await t.ctx.db
        .selectFrom('ticket_field_values as v')
        .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
        .select(['f.key', 'v.value'])
        .where('v.ticket_id', '=', ticketId)
        .execute()
    ).map((r) => [r.key, r.value]),
  );

describe('custom ticket fields: definitions (T-7)', () => {
  it('an admin creates one field of each type; technicians list them in order', async () => {
    for (const f of FIELDS) {
      const res = await admin.post('/api/v1/custom-fields', f);
      expectStatus(res, 201);
      expect(res.json<CustomField>()).toMatchObject({ key: f.key, label: f.label, type: f.type, options: 'options' in f ? f.options : [] });
    }
    const list = await tech.get('/api/v1/custom-fields');
    expectStatus(list, 200);
    expect(list.json<{ items: CustomField[] }>().items.map((f) => [f.key, f.type])).toEqual(FIELDS.map((f) => [f.key, f.type]));
  });

  it('refuses a taken key (409), a dropdown without options, an unknown type, and a technician who is not an admin', async () => {
    expectError(await admin.post('/api/v1/custom-fields', { key: 'assetTag', label: 'Again', type: 'text' }), 409, 'CUSTOM_FIELD_KEY_TAKEN');
    expectError(await admin.post('/api/v1/custom-fields', { key: 'empty', label: 'Empty', type: 'dropdown', options: [] }), 400, 'VALIDATION_FAILED');
    expectError(await admin.post('/api/v1/custom-fields', { key: 'money', label: 'Money', type: 'currency' }), 400, 'VALIDATION_FAILED');
    expectError(await tech.post('/api/v1/custom-fields', { key: 'sneaky', label: 'Sneaky', type: 'text' }), 403, 'FORBIDDEN');
    const keys = (await tech.get('/api/v1/custom-fields')).json<{ items: CustomField[] }>().items.map((f) => f.key);
    expect(keys).not.toContain('empty');
    expect(keys).not.toContain('money');
    expect(keys).not.toContain('sneaky');
  });

  it('renames and reorders; a dropdown keeps at least one option', async () => {
    const site = (await tech.get('/api/v1/custom-fields')).json<{ items: CustomField[] }>().items.find((f) => f.key === 'site');
    if (!site) throw new Error('site field missing');
    const res = await admin.patch(`/api/v1/custom-fields/${site.id}`, { label: 'Office', options: ['Milan', 'Rome', 'Turin'] });
    expect(res.json<CustomField>()).toMatchObject({ label: 'Office', options: ['Milan', 'Rome', 'Turin'] });
    expectError(await admin.patch(`/api/v1/custom-fields/${site.id}`, { options: [] }), 400, 'CUSTOM_FIELD_INVALID');
    expect((await tech.get(`/api/v1/custom-fields/${site.id}`)).json<CustomField>().options).toEqual(['Milan', 'Rome', 'Turin']);
    const moved = await admin.patch(`/api/v1/custom-fields/${site.id}`, { label: 'Site', position: 99 });
    expect(moved.json<CustomField>()).toMatchObject({ label: 'Site', position: 99 });
    expect((await tech.get('/api/v1/custom-fields')).json<{ items: CustomField[] }>().items.at(-1)?.key).toBe('site');
  });
});

describe('custom ticket field values are validated by type (T-7)', () => {
  const VALID = { assetTag: 'PC-0042', steps: 'Open Outlook\nClick send\nCrash', seats: 12.5, since: '2024-02-29', site: 'Rome', vip: true };

  it('stores a valid value of every type and answers it with its JSON type', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    const res = await tech.patch(`/api/v1/tickets/${id}`, { customFields: VALID });
    expectStatus(res, 200);
    expect(res.json<TicketDetail>().customFields).toEqual(VALID);
    expect(await valuesOf(id)).toEqual(VALID);
    // false and 0 are values, not "empty".
    const falsy = await tech.patch(`/api/v1/tickets/${id}`, { customFields: { vip: false, seats: 0 } });
    expect(falsy.json<TicketDetail>().customFields).toMatchObject({ vip: false, seats: 0 });
  });

  const INVALID: [string, string, unknown][] = [
    ['text with a line break', 'assetTag', 'two\nlines'],
    ['text over 500 characters', 'assetTag', 'x'.repeat(501)],
    ['text given a number', 'assetTag', 42],
    ['number given as a string', 'seats', '12'],
    ['number given a boolean', 'seats', true],
    ['date that does not exist', 'since', '2023-02-29'],
    ['date in another format', 'since', '29/02/2024'],
    ['date with a time', 'since', '2024-02-29T10:00:00Z'],
    ['dropdown value not among the options', 'site', 'Paris'],
    ['dropdown option in another case', 'site', 'rome'],
    ['checkbox given a string', 'vip', 'true'],
    ['checkbox given a number', 'vip', 1],
    ['long text given a boolean', 'steps', false],
  ];

  it.each(INVALID)('refuses a %s with CUSTOM_FIELD_INVALID and writes nothing', async (_label, key, value) => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id, { customFields: { assetTag: 'KEEP' } });
    const before = await valuesOf(id);
    // With a valid value next to it: the request is refused as a whole.
    const err = expectError(await tech.patch(`/api/v1/tickets/${id}`, { priority: 'critical', customFields: { steps: 'valid', [key]: value } }), 400, 'CUSTOM_FIELD_INVALID');
    expect(err.message).toContain(FIELDS.find((f) => f.key === key)?.label ?? key);
    expect(await valuesOf(id)).toEqual(before);
    expect((await t.ctx.db.selectFrom('tickets').select('priority').where('id', '=', id).executeTakeFirstOrThrow()).priority).toBe('medium');
  });

  it('an invalid value on create writes no ticket and no outbox row, from the console and from the portal', async () => {
    expectStatus(await admin.patch('/api/v1/settings/portal', { fieldVisibility: { 'custom.seats': 'edit' } }), 200);
    const before = await outboxCount(t.ctx, fx.tenant.id);
    const subject = `Invalid ${uniq()}`;
    expectError(await tech.post('/api/v1/tickets', { contactId: contact.id, subject, customFields: { seats: 'many' } }), 400, 'CUSTOM_FIELD_INVALID');
    expectError(await asContact.post('/api/v1/portal/tickets', { subject, customFields: { seats: 'many' } }), 400, 'CUSTOM_FIELD_INVALID');
    expect(await t.ctx.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute()).toEqual([]);
    expect(await outboxCount(t.ctx, fx.tenant.id)).toBe(before);
    // A valid one from the portal is stored.
    const ok = await asContact.post('/api/v1/portal/tickets', { subject, customFields: { seats: 3 } });
    expectStatus(ok, 201);
    expect(ok.json<PortalTicketDetail>().customFields).toEqual({ seats: 3 });
  });

  it('an unknown field, or one of another tenant, is refused with CUSTOM_FIELD_NOT_FOUND', async () => {
    const other = await makeTenant(t.ctx);
    const otherAdmin = await mintSession(t.app, t.ctx, other.host, other.tenant.id, 'technician', other.admin.id);
    expectStatus(await otherAdmin.post('/api/v1/custom-fields', { key: 'theirs', label: 'Theirs', type: 'text' }), 201);
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    expectError(await tech.patch(`/api/v1/tickets/${id}`, { customFields: { theirs: 'x' } }), 404, 'CUSTOM_FIELD_NOT_FOUND');
    expectError(await tech.patch(`/api/v1/tickets/${id}`, { customFields: { nope: 'x' } }), 404, 'CUSTOM_FIELD_NOT_FOUND');
    expect(await valuesOf(id)).toEqual({});
  });

  it('null clears a value; deleting a field removes its values', async () => {
    expectStatus(await admin.post('/api/v1/custom-fields', { key: 'temp', label: 'Temporary', type: 'text' }), 201);
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id, { customFields: { temp: 'soon gone', assetTag: 'A-1' } });
    expect((await tech.patch(`/api/v1/tickets/${id}`, { customFields: { assetTag: null } })).json<TicketDetail>().customFields).toEqual({ temp: 'soon gone' });
    const temp = (await tech.get('/api/v1/custom-fields')).json<{ items: CustomField[] }>().items.find((f) => f.key === 'temp');
    expectStatus(await admin.delete(`/api/v1/custom-fields/${temp?.id ?? ''}`), 204);
    expect((await tech.get(`/api/v1/tickets/${id}`)).json<TicketDetail>().customFields).toEqual({});
    expect(await valuesOf(id)).toEqual({});
  });
});
