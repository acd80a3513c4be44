import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PortalTicketDetail, PortalTicketForm, TicketSummary } from '@porta/contracts/tickets';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession, signInContact } from '../../test/client.ts';
import { type ContactFixture, makeContact, makeCustomer, makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { multipartFile } from '../../test/multipart.ts';
import { attachmentCount, commentCount, openTicket, setStatus, ticketRow } from '../../test/tickets.ts';

const t = useTestApp();

interface Page {
  items: TicketSummary[];
  total: number;
}

let fx: TenantFixture;
let tech: Client;
let acme: { id: string; name: string };
let alice: ContactFixture;
let bob: ContactFixture;
let pam: ContactFixture;
let gina: ContactFixture;
/** Signed in through the real portal login (alice), minted sessions for the others. */
let asAlice: Client;
let asBob: Client;
let asPam: Client;
let tix: { a1: string; a2: string; b1: string; g1: string };

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  tech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  acme = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Acme' });
  const globex = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Globex' });
  alice = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Alice' });
  bob = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Bob' });
  pam = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Pam', isPrimary: true });
  gina = await makeContact(t.ctx, fx.tenant.id, globex.id, { firstName: 'Gina' });
  asAlice = await signInContact(t.app, fx.host, alice.username, alice.password);
  asBob = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', bob.id);
  asPam = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', pam.id);
  tix = {
    a1: await openTicket(t.ctx, fx.tenant.id, alice.id, { subject: 'Alice: mouse broken' }),
    a2: await openTicket(t.ctx, fx.tenant.id, alice.id, { subject: 'Alice: new monitor' }),
    b1: await openTicket(t.ctx, fx.tenant.id, bob.id, { subject: 'Bob: VPN' }),
    g1: await openTicket(t.ctx, fx.tenant.id, gina.id, { subject: 'Gina: printer' }),
  };
});

const ids = (res: { json: <T>() => T }) => res.json<Page>().items.map((i) => i.id);

describe('portal ticket list (T-1, A-5)', () => {
  it('a contact sees the tickets they requested, newest first', async () => {
    const res = await asAlice.get('/api/v1/portal/tickets');
    expectStatus(res, 200);
    expect(ids(res)).toEqual([tix.a2, tix.a1]);
    expect(res.json<Page>().total).toBe(2);
    expect(res.body).not.toContain('Bob: VPN');
  });

  it('a non-primary contact asking for the company still sees only their own', async () => {
    const res = await asAlice.get('/api/v1/portal/tickets?scope=company');
    expectStatus(res, 200);
    expect(ids(res)).toEqual([tix.a2, tix.a1]);
    expect(ids(await asBob.get('/api/v1/portal/tickets?scope=company'))).toEqual([tix.b1]);
  });

  it("a primary contact switches between their own tickets and all of their company's, never another company's", async () => {
    expect(ids(await asPam.get('/api/v1/portal/tickets?scope=mine'))).toEqual([]);
    const company = await asPam.get('/api/v1/portal/tickets?scope=company');
    expect(ids(company)).toEqual([tix.b1, tix.a2, tix.a1]);
    expect(company.json<Page>().total).toBe(3);
    expect(company.body).not.toContain(tix.g1);
    expectStatus(await asPam.get(`/api/v1/portal/tickets/${tix.b1}`), 200);
    expectError(await asPam.get(`/api/v1/portal/tickets/${tix.g1}`), 404, 'TICKET_NOT_FOUND');
  });

  it('a primary contact made non-primary sees only their own tickets at their next request (no re-login)', async () => {
    const former = await makeContact(t.ctx, fx.tenant.id, acme.id, { isPrimary: true });
    const signedIn = await signInContact(t.app, fx.host, former.username, former.password);
    expect(ids(await signedIn.get('/api/v1/portal/tickets?scope=company'))).toEqual([tix.b1, tix.a2, tix.a1]);
    expectStatus(await tech.patch(`/api/v1/contacts/${former.id}`, { isPrimary: false }), 200);
    expect(ids(await signedIn.get('/api/v1/portal/tickets?scope=company'))).toEqual([]);
    expectError(await signedIn.get(`/api/v1/portal/tickets/${tix.b1}`), 404, 'TICKET_NOT_FOUND');
  });

  it('filters by status, searches subjects and pages', async () => {
    await setStatus(t.ctx, fx.tenant.id, tix.a1, 'pending');
    try {
      expect(ids(await asAlice.get('/api/v1/portal/tickets?status=pending'))).toEqual([tix.a1]);
      expect(ids(await asAlice.get('/api/v1/portal/tickets?status=open'))).toEqual([tix.a2]);
      expect(ids(await asAlice.get('/api/v1/portal/tickets?status=closed'))).toEqual([]);
    } finally {
      await setStatus(t.ctx, fx.tenant.id, tix.a1, 'open');
    }
    expect(ids(await asAlice.get('/api/v1/portal/tickets?q=MONITOR'))).toEqual([tix.a2]);
    const number = (await ticketRow(t.ctx, tix.a1)).number;
    expect(ids(await asAlice.get(`/api/v1/portal/tickets?q=${encodeURIComponent(`#${number}`)}`))).toEqual([tix.a1]);
    // Search never widens the list: Bob's subject is not found by Alice.
    expect(ids(await asAlice.get('/api/v1/portal/tickets?q=VPN'))).toEqual([]);
    const p2 = await asPam.get('/api/v1/portal/tickets?scope=company&pageSize=2&page=2');
    expect(ids(p2)).toEqual([tix.a1]);
    expect(p2.json<Page>().total).toBe(3);
  });
});

describe('portal ticket creation (T-1, T-6)', () => {
  it('the form lists only the fields the contact may see, with how they may use them, and the visible statuses', async () => {
    const res = await asAlice.get('/api/v1/portal/ticket-form');
    expectStatus(res, 200);
    const form = res.json<PortalTicketForm>();
    // Defaults: priority and type editable, assignee read-only, impact and due date hidden.
    expect(form.fields.map((f) => [f.key, f.visibility])).toEqual([
      ['priority', 'edit'],
      ['type', 'edit'],
      ['assignee', 'readonly'],
    ]);
    expect(form.statuses.map((s) => s.key)).toEqual(['open', 'pending', 'resolved', 'closed']);
    expect(form.allowReopen).toBe(true);
  });

  it('creates a ticket for the contact and their customer, with the editable fields, Open', async () => {
    const res = await asAlice.post('/api/v1/portal/tickets', { subject: 'Laptop is slow', description: 'Since *Monday*.', priority: 'high', type: 'request' });
    expectStatus(res, 201);
    const ticket = res.json<PortalTicketDetail>();
    expect(ticket).toMatchObject({
      subject: 'Laptop is slow',
      description: 'Since *Monday*.',
      priority: 'high',
      type: 'request',
      status: { key: 'open' },
      customer: { id: acme.id },
      requester: { id: alice.id },
      comments: [],
      attachments: [],
      permissions: { editable: ['priority', 'type'], canComment: true, canResolve: true, canReopen: false, readOnlyReason: null },
    });
    expect(ticket.number).toBeGreaterThanOrEqual(1001);
    expect(await ticketRow(t.ctx, ticket.id)).toMatchObject({ requester_id: alice.id, customer_id: acme.id, priority: 'high', type: 'request', impact: 'low' });
    expect(ids(await asAlice.get('/api/v1/portal/tickets'))).toContain(ticket.id);
  });

  it('refuses a field the contact may not edit (hidden impact, a hidden custom field) with FIELD_NOT_EDITABLE; nothing is written', async () => {
    const field = await tech.post('/api/v1/custom-fields', { key: `secret${uniq(3)}`, label: 'Internal code', type: 'text' });
    expectStatus(field, 201);
    const subject = `Refused ${uniq()}`;
    const impact = expectError(await asAlice.post('/api/v1/portal/tickets', { subject, impact: 'high' }), 403, 'FIELD_NOT_EDITABLE');
    expect(impact.message).toBe('You cannot change the field "impact".');
    expectError(await asAlice.post('/api/v1/portal/tickets', { subject, customFields: { [field.json<{ key: string }>().key]: 'x' } }), 403, 'FIELD_NOT_EDITABLE');
    // Assignee (read-only by default) and due date (hidden by default) are refused alike, even when cleared.
    expect(expectError(await asAlice.post('/api/v1/portal/tickets', { subject, assigneeId: fx.admin.id }), 403, 'FIELD_NOT_EDITABLE').message).toContain('assignee');
    expect(expectError(await asAlice.post('/api/v1/portal/tickets', { subject, dueAt: null }), 403, 'FIELD_NOT_EDITABLE').message).toContain('dueDate');
    // Fields the portal never writes are not part of its contract at all.
    expectError(await asAlice.post('/api/v1/portal/tickets', { subject, billed: true }), 400, 'VALIDATION_FAILED');
    expect(await t.ctx.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute()).toEqual([]);
  });

  it('stores the custom values a contact may edit with the new ticket and answers them as the ticket page does (T-6, T-7)', async () => {
    const make = async (type: string) => (await tech.post('/api/v1/custom-fields', { key: `${type}${uniq(3)}`, label: `A ${type}`, type })).json<{ key: string }>().key;
    const [text, number, checkbox] = [await make('text'), await make('number'), await make('checkbox')];
    const visibility = Object.fromEntries([text, number, checkbox].map((k) => [`custom.${k}`, 'edit']));
    expectStatus(await tech.patch('/api/v1/settings/portal', { fieldVisibility: visibility }), 200);
    const values = { [text]: 'PC-0042', [number]: 3, [checkbox]: true };
    const created = await asAlice.post('/api/v1/portal/tickets', { subject: `With values ${uniq()}`, customFields: values });
    expectStatus(created, 201);
    const ticket = created.json<PortalTicketDetail>();
    expect(ticket.customFields).toEqual(values);
    expect((await asAlice.get(`/api/v1/portal/tickets/${ticket.id}`)).json<PortalTicketDetail>().customFields).toEqual(values);
    const stored = await t.ctx.db.selectFrom('ticket_field_values').select('value').where('ticket_id', '=', ticket.id).execute();
    expect(stored.map((r) => r.value).sort()).toEqual([3, 'PC-0042', true].sort());
  });
});

describe('portal ticket page: timeline, comments, resolve and reopen (T-1)', () => {
  it('the timeline shows public replies and the contact’s comments, never internal notes nor their attachments', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, alice.id);
    expectStatus(await tech.post(`/api/v1/tickets/${id}/comments`, { body: 'We are on it.' }), 201);
    const note = await tech.post(`/api/v1/tickets/${id}/comments`, { body: 'SECRET-NOTE: reseller margin 40%', internal: true });
    expectStatus(note, 201);
    const mine = await asAlice.post(`/api/v1/portal/tickets/${id}/comments`, { body: 'Thank you' });
    expectStatus(mine, 201);
    expect(mine.json<{ author: { kind: string; id: string } }>().author).toMatchObject({ kind: 'contact', id: alice.id });

    // A file attached to the internal note (as the e-mail channel will do) stays in the console too.
    const noteId = note.json<{ id: string }>().id;
    const storageKey = `${fx.tenant.id}/${randomUUID()}`;
    fs.mkdirSync(path.join(t.ctx.config.attachmentsDir, fx.tenant.id), { recursive: true });
    fs.writeFileSync(path.join(t.ctx.config.attachmentsDir, storageKey), 'internal price list');
    const hidden = await t.ctx.db
      .insertInto('ticket_attachments')
      .values({ tenant_id: fx.tenant.id, ticket_id: id, comment_id: noteId, filename: 'prices.txt', content_type: 'text/plain', size: 19, storage_key: storageKey, uploaded_by_contact_id: null, uploaded_by_technician_id: fx.admin.id })
      .returning('id')
      .executeTakeFirstOrThrow();

    const res = await asAlice.get(`/api/v1/portal/tickets/${id}`);
    expectStatus(res, 200);
    const detail = res.json<PortalTicketDetail>();
    expect(detail.comments.map((c) => [c.author.kind, c.body])).toEqual([
      ['technician', 'We are on it.'],
      ['contact', 'Thank you'],
    ]);
    expect(detail.comments.every((c) => !c.internal)).toBe(true);
    expect(detail.attachments).toEqual([]);
    expect(res.body).not.toContain('SECRET-NOTE');
    expect(res.body).not.toContain('prices.txt');
    expectError(await asAlice.get(`/api/v1/portal/tickets/${id}/attachments/${hidden.id}`), 404, 'ATTACHMENT_NOT_FOUND');
    // The primary contact sees no more than the requester.
    expect((await asPam.get(`/api/v1/portal/tickets/${id}`)).body).not.toContain('SECRET-NOTE');
    // The technician sees and downloads it.
    const console = await tech.get(`/api/v1/tickets/${id}`);
    expect(console.body).toContain('prices.txt');
    const download = await tech.get(`/api/v1/tickets/${id}/attachments/${hidden.id}`);
    expectStatus(download, 200);
    expect(download.body).toBe('internal price list');
  });

  it('an empty comment is refused and nothing is written', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, alice.id);
    expectError(await asAlice.post(`/api/v1/portal/tickets/${id}/comments`, { body: '   ' }), 400, 'VALIDATION_FAILED');
    expect(await commentCount(t.ctx, id)).toBe(0);
  });

  it('the contact resolves an open ticket and reopens it; each only where it applies', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, alice.id);
    expectError(await asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'open' }), 409, 'TICKET_NOT_OPEN');
    const resolved = await asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'resolved' });
    expectStatus(resolved, 200);
    expect(resolved.json<PortalTicketDetail>()).toMatchObject({ status: { key: 'resolved' }, permissions: { canResolve: false, canReopen: true } });
    expect((await ticketRow(t.ctx, id)).status_key).toBe('resolved');
    expectError(await asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'resolved' }), 409, 'TICKET_NOT_OPEN');

    const reopened = await asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'open' });
    expectStatus(reopened, 200);
    expect(reopened.json<PortalTicketDetail>()).toMatchObject({ status: { key: 'open' }, permissions: { canResolve: true, canReopen: false } });
    expect((await ticketRow(t.ctx, id)).status_key).toBe('open');
    // Only `resolved` and `open` are the contact's to set.
    expectError(await asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'closed' }), 400, 'VALIDATION_FAILED');
  });

  it('the contact edits the editable fields of their ticket', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, alice.id);
    const res = await asAlice.patch(`/api/v1/portal/tickets/${id}`, { priority: 'critical', type: 'question' });
    expectStatus(res, 200);
    expect(res.json<PortalTicketDetail>()).toMatchObject({ priority: 'critical', type: 'question' });
    expect(await ticketRow(t.ctx, id)).toMatchObject({ priority: 'critical', type: 'question' });
  });
});

describe('billed tickets are read-only for contacts (T-5)', () => {
  let id: string;
  let field: string;
  beforeAll(async () => {
    field = (await tech.post('/api/v1/custom-fields', { key: `po${uniq(3)}`, label: 'PO number', type: 'text' })).json<{ key: string }>().key;
    await tech.patch('/api/v1/settings/portal', { fieldVisibility: { [`custom.${field}`]: 'edit' } });
    id = await openTicket(t.ctx, fx.tenant.id, alice.id);
    expectStatus(await tech.patch(`/api/v1/tickets/${id}`, { billed: true, billedMinutes: 30 }), 200);
  });

  const snapshot = async () => ({ row: await ticketRow(t.ctx, id), comments: await commentCount(t.ctx, id), attachments: await attachmentCount(t.ctx, id) });

  it('the detail says why, and permits nothing', async () => {
    const res = await asAlice.get(`/api/v1/portal/tickets/${id}`);
    expectStatus(res, 200);
    expect(res.json<PortalTicketDetail>()).toMatchObject({
      billed: true,
      permissions: { editable: [], canComment: false, canResolve: false, canReopen: false, readOnlyReason: 'billed' },
    });
    // The billed time is the MSP's business.
    expect('billedMinutes' in res.json<PortalTicketDetail>()).toBe(false);
  });

  it('refuses field edits, custom values, resolve, comments and attachments with TICKET_BILLED; ticket, comments and files unchanged', async () => {
    const before = await snapshot();
    expectError(await asAlice.patch(`/api/v1/portal/tickets/${id}`, { priority: 'critical' }), 409, 'TICKET_BILLED');
    expectError(await asAlice.patch(`/api/v1/portal/tickets/${id}`, { customFields: { [field]: 'PO-1' } }), 409, 'TICKET_BILLED');
    expectError(await asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'resolved' }), 409, 'TICKET_BILLED');
    expectError(await asAlice.post(`/api/v1/portal/tickets/${id}/comments`, { body: 'Why was I billed?' }), 409, 'TICKET_BILLED');
    const file = multipartFile('invoice.txt', 'disputed');
    expectError(await asAlice.request('POST', `/api/v1/portal/tickets/${id}/attachments`, { body: file.body, headers: file.headers }), 409, 'TICKET_BILLED');
    // The primary contact is refused alike.
    expectError(await asPam.patch(`/api/v1/portal/tickets/${id}`, { type: 'question' }), 409, 'TICKET_BILLED');
    expect(await snapshot()).toEqual(before);
    const values = await t.ctx.db.selectFrom('ticket_field_values').select('value').where('ticket_id', '=', id).execute();
    expect(values).toEqual([]);
  });

  it('refuses reopening a billed resolved ticket, by status change and by comment; the status stays', async () => {
    expectStatus(await tech.patch(`/api/v1/tickets/${id}`, { status: 'resolved' }), 200);
    const before = await snapshot();
    expectError(await asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'open' }), 409, 'TICKET_BILLED');
    expectError(await asAlice.post(`/api/v1/portal/tickets/${id}/comments`, { body: 'Reopen please' }), 409, 'TICKET_BILLED');
    expect(await snapshot()).toEqual(before);
    expect(before.row.status_key).toBe('resolved');
  });
});
