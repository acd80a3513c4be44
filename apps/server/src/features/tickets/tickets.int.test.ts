import type { PortalTicketDetail, TicketComment, TicketDetail, TicketSummary } from '@porta/contracts/tickets';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTechnician, makeTenant, uniq } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { commentCount, openTicket, outboxCount, outboxOf, setStatus, ticketRow } from '../../test/tickets.ts';

const t = useTestApp();

interface Page {
  items: TicketSummary[];
  total: number;
  page: number;
  pageSize: number;
}

const subjects = (res: { json: <T>() => T }) => res.json<Page>().items.map((i) => i.subject);

/** A tenant with an admin's and a technician's console sessions, a customer and a contact. */
async function desk() {
  const fx = await makeTenant(t.ctx);
  const tech = await makeTechnician(t.ctx, fx.tenant.id);
  const customer = await makeCustomer(t.ctx, fx.tenant.id, { name: `Rossi ${uniq(3)}` });
  const contact = await makeContact(t.ctx, fx.tenant.id, customer.id, { firstName: 'Alice', lastName: 'Rossi' });
  return {
    fx,
    tech,
    customer,
    contact,
    admin: await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id),
    techClient: await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', tech.id),
    portal: await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id),
  };
}
type Desk = Awaited<ReturnType<typeof desk>>;

describe('ticket numbers and statuses (issue 3, item 1)', () => {
  let d: Desk;
  beforeAll(async () => {
    d = await desk();
  });

  it('numbers are per tenant, start at 1001 and go up by one; a new ticket is Open', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await d.admin.post('/api/v1/tickets', { contactId: d.contact.id, subject: `Sequential ${i}` });
      expectStatus(res, 201);
      const ticket = res.json<TicketDetail>();
      expect(ticket.status).toMatchObject({ key: 'open', category: 'open', isDefault: true });
      numbers.push(ticket.number);
    }
    expect(numbers).toEqual([1001, 1002, 1003]);
    // Another tenant counts on its own.
    const other = await desk();
    const res = await other.admin.post('/api/v1/tickets', { contactId: other.contact.id, subject: 'Elsewhere' });
    expect(res.json<TicketDetail>().number).toBe(1001);
  });

  it('10 tickets created at once get 10 distinct consecutive numbers; a refused creation uses none', async () => {
    const fresh = await desk();
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fresh.admin.post('/api/v1/tickets', { contactId: fresh.contact.id, subject: `Parallel ${i}` })),
    );
    for (const res of created) expectStatus(res, 201);
    const numbers = created.map((r) => r.json<TicketDetail>().number).sort((a, b) => a - b);
    expect(numbers).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010]);
    const rows = await t.ctx.db.selectFrom('tickets').select('number').where('tenant_id', '=', fresh.fx.tenant.id).orderBy('number').execute();
    expect(rows.map((r) => r.number)).toEqual(numbers);

    // Refused creations (unknown custom field, assignee or requester) write nothing and use no number: no gap.
    const nobody = '00000000-0000-4000-8000-000000000000';
    expectError(await fresh.admin.post('/api/v1/tickets', { contactId: fresh.contact.id, subject: 'Refused', customFields: { nope: 'x' } }), 404, 'CUSTOM_FIELD_NOT_FOUND');
    expectError(await fresh.admin.post('/api/v1/tickets', { contactId: fresh.contact.id, subject: 'Refused', assigneeId: nobody }), 404, 'TECHNICIAN_NOT_FOUND');
    expectError(await fresh.admin.post('/api/v1/tickets', { contactId: nobody, subject: 'Refused' }), 404, 'CONTACT_NOT_FOUND');
    const next = await fresh.admin.post('/api/v1/tickets', { contactId: fresh.contact.id, subject: 'After the refusals' });
    expect(next.json<TicketDetail>().number).toBe(1011);
    const createdEvents = await t.ctx.db.selectFrom('outbox').select('id').where('tenant_id', '=', fresh.fx.tenant.id).where('topic', '=', 'ticket.created').execute();
    expect(createdEvents).toHaveLength(11);
  });

  it('a technician moves a ticket through the default statuses; an unknown status is refused and changes nothing', async () => {
    const id = await openTicket(t.ctx, d.fx.tenant.id, d.contact.id);
    for (const [key, category] of [
      ['pending', 'open'],
      ['resolved', 'closed'],
      ['closed', 'closed'],
      ['open', 'open'],
    ] as const) {
      const res = await d.techClient.patch(`/api/v1/tickets/${id}`, { status: key });
      expectStatus(res, 200);
      expect(res.json<TicketDetail>().status).toMatchObject({ key, category });
      expect((await ticketRow(t.ctx, id)).status_key).toBe(key);
    }
    const before = await ticketRow(t.ctx, id);
    expectError(await d.techClient.patch(`/api/v1/tickets/${id}`, { status: 'no-such-status', priority: 'critical' }), 404, 'STATUS_NOT_FOUND');
    expect(await ticketRow(t.ctx, id)).toEqual(before);
  });
});

describe('console queue: filters, search, sort, pagination (T-8)', () => {
  let d: Desk;
  let globex: { id: string };
  let ids: Record<'q1' | 'q2' | 'q3' | 'q4' | 'q5', string>;
  const S = {
    q1: 'Outlook crashes on startup',
    q2: 'VPN drops every hour',
    q3: 'New laptop for Maria',
    q4: 'Printer jam in room 4',
    q5: 'Outlook calendar sync',
  };

  beforeAll(async () => {
    d = await desk();
    globex = await makeCustomer(t.ctx, d.fx.tenant.id, { name: 'Globex' });
    const bob = await makeContact(t.ctx, d.fx.tenant.id, d.customer.id, { firstName: 'Bob' });
    const gina = await makeContact(t.ctx, d.fx.tenant.id, globex.id, { firstName: 'Gina' });
    const tenant = d.fx.tenant.id;
    // Created in this order (numbers 1001..1005), oldest first.
    ids = {
      q1: await openTicket(t.ctx, tenant, d.contact.id, { subject: S.q1, priority: 'low', type: 'question', assigneeId: d.tech.id }),
      q2: await openTicket(t.ctx, tenant, bob.id, { subject: S.q2, priority: 'high', type: 'incident' }),
      q3: await openTicket(t.ctx, tenant, gina.id, { subject: S.q3, priority: 'medium', type: 'request', assigneeId: d.fx.admin.id, dueAt: '2030-01-02T09:00:00Z' }),
      q4: await openTicket(t.ctx, tenant, gina.id, { subject: S.q4, priority: 'critical', type: 'problem', dueAt: '2030-01-01T09:00:00Z' }),
      q5: await openTicket(t.ctx, tenant, d.contact.id, { subject: S.q5, priority: 'medium', type: 'incident', assigneeId: d.tech.id }),
    };
    await setStatus(t.ctx, tenant, ids.q2, 'pending');
    await setStatus(t.ctx, tenant, ids.q3, 'resolved');
    await setStatus(t.ctx, tenant, ids.q5, 'closed');
  });

  const list = async (query: string) => {
    const res = await d.techClient.get(`/api/v1/tickets${query}`);
    expectStatus(res, 200);
    return res;
  };

  it('lists every ticket of the tenant, newest first, with status, customer, requester and assignee', async () => {
    const res = await list('');
    expect(subjects(res)).toEqual([S.q5, S.q4, S.q3, S.q2, S.q1]);
    expect(res.json<Page>().total).toBe(5);
    const q1 = res.json<Page>().items.find((i) => i.id === ids.q1);
    expect(q1).toMatchObject({
      number: 1001,
      status: { key: 'open' },
      priority: 'low',
      type: 'question',
      customer: { id: d.customer.id },
      requester: { id: d.contact.id, name: expect.stringContaining('Alice'), email: d.contact.email },
      assignee: { id: d.tech.id, name: d.tech.name },
      billed: false,
    });
  });

  it('filters by status, customer, assignee (also "none"), priority and type, alone and together', async () => {
    expect(subjects(await list('?status=open'))).toEqual([S.q4, S.q1]);
    expect(subjects(await list('?status=resolved'))).toEqual([S.q3]);
    expect(subjects(await list('?status=no-such-status'))).toEqual([]);
    expect(subjects(await list(`?customerId=${globex.id}`))).toEqual([S.q4, S.q3]);
    expect(subjects(await list(`?assigneeId=${d.tech.id}`))).toEqual([S.q5, S.q1]);
    expect(subjects(await list('?assigneeId=none'))).toEqual([S.q4, S.q2]);
    expect(subjects(await list('?priority=critical'))).toEqual([S.q4]);
    expect(subjects(await list('?type=request'))).toEqual([S.q3]);
    expect(subjects(await list(`?customerId=${d.customer.id}&assigneeId=${d.tech.id}&status=closed`))).toEqual([S.q5]);
    const combined = await list(`?customerId=${globex.id}&assigneeId=none`);
    expect(subjects(combined)).toEqual([S.q4]);
    expect(combined.json<Page>().total).toBe(1);
  });

  it('searches subject words case-insensitively, and numbers as #1004 or 1004', async () => {
    expect(subjects(await list('?q=outlook'))).toEqual([S.q5, S.q1]);
    expect(subjects(await list(`?q=${encodeURIComponent('OUTLOOK CRASHES')}`))).toEqual([S.q1]);
    expect(subjects(await list('?q=room'))).toEqual([S.q4]);
    expect(subjects(await list(`?q=${encodeURIComponent('#1004')}`))).toEqual([S.q4]);
    expect(subjects(await list('?q=1004'))).toEqual([S.q4]);
    expect(subjects(await list('?q=1099'))).toEqual([]);
    // Search and filters combine; LIKE wildcards are taken literally.
    expect(subjects(await list('?q=outlook&status=open'))).toEqual([S.q1]);
    expect(subjects(await list(`?q=${encodeURIComponent('%')}`))).toEqual([]);
  });

  it('sorts newest, oldest, by priority, by due date (none last) and by last update', async () => {
    expect(subjects(await list('?sort=newest'))).toEqual([S.q5, S.q4, S.q3, S.q2, S.q1]);
    expect(subjects(await list('?sort=oldest'))).toEqual([S.q1, S.q2, S.q3, S.q4, S.q5]);
    expect(subjects(await list('?sort=priority'))).toEqual([S.q4, S.q2, S.q5, S.q3, S.q1]);
    const due = subjects(await list('?sort=due'));
    expect(due.slice(0, 2)).toEqual([S.q4, S.q3]);
    expect(due.slice(2).sort()).toEqual([S.q1, S.q2, S.q5].sort());
    expectStatus(await d.techClient.patch(`/api/v1/tickets/${ids.q2}`, { priority: 'high' }), 200);
    expect(subjects(await list('?sort=updated'))[0]).toBe(S.q2);
    expectError(await d.techClient.get('/api/v1/tickets?sort=random'), 400, 'VALIDATION_FAILED');
  });

  it('pages with the total of the whole filtered list', async () => {
    const p1 = await list('?pageSize=2&page=1');
    expect(p1.json<Page>()).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(subjects(p1)).toEqual([S.q5, S.q4]);
    expect(subjects(await list('?pageSize=2&page=2'))).toEqual([S.q3, S.q2]);
    const p3 = await list('?pageSize=2&page=3');
    expect(subjects(p3)).toEqual([S.q1]);
    expect(p3.json<Page>().total).toBe(5);
    const beyond = await list('?pageSize=2&page=4');
    expect(beyond.json<Page>()).toMatchObject({ items: [], total: 5 });
    const filtered = await list('?pageSize=1&status=open');
    expect(filtered.json<Page>().total).toBe(2);
    expect(subjects(filtered)).toEqual([S.q4]);
  });
});

describe('console ticket page (T-8)', () => {
  let d: Desk;
  beforeAll(async () => {
    d = await desk();
  });

  it('a public reply reaches the contact; an internal note stays in the console', async () => {
    const id = await openTicket(t.ctx, d.fx.tenant.id, d.contact.id);
    const reply = await d.techClient.post(`/api/v1/tickets/${id}/comments`, { body: 'Have you tried **turning it off**?' });
    expectStatus(reply, 201);
    expect(reply.json<TicketComment>()).toMatchObject({ internal: false, body: 'Have you tried **turning it off**?', author: { kind: 'technician', id: d.tech.id, name: d.tech.name } });
    const note = await d.techClient.post(`/api/v1/tickets/${id}/comments`, { body: 'Customer is on the legacy plan', internal: true });
    expectStatus(note, 201);
    expect(note.json<TicketComment>().internal).toBe(true);

    const console = (await d.techClient.get(`/api/v1/tickets/${id}`)).json<TicketDetail>();
    expect(console.comments.map((c) => [c.body, c.internal])).toEqual([
      ['Have you tried **turning it off**?', false],
      ['Customer is on the legacy plan', true],
    ]);
    const portal = await d.portal.get(`/api/v1/portal/tickets/${id}`);
    expectStatus(portal, 200);
    expect(portal.json<PortalTicketDetail>().comments.map((c) => c.body)).toEqual(['Have you tried **turning it off**?']);
    expect(portal.body).not.toContain('legacy plan');
    expectError(await d.techClient.post(`/api/v1/tickets/${id}/comments`, { body: '   ' }), 400, 'VALIDATION_FAILED');
    expect(await commentCount(t.ctx, id)).toBe(2);
  });

  it('changes status, priority, type, impact, assignee, due date, billed flag and time; the row holds them', async () => {
    const id = await openTicket(t.ctx, d.fx.tenant.id, d.contact.id);
    const res = await d.techClient.patch(`/api/v1/tickets/${id}`, {
      status: 'pending',
      priority: 'critical',
      type: 'problem',
      impact: 'high',
      assigneeId: d.tech.id,
      dueAt: '2030-03-04T10:00:00.000Z',
      billed: true,
      billedMinutes: 45,
      subject: 'Server room too hot',
    });
    expectStatus(res, 200);
    expect(res.json<TicketDetail>()).toMatchObject({
      status: { key: 'pending' },
      priority: 'critical',
      type: 'problem',
      impact: 'high',
      assignee: { id: d.tech.id },
      dueAt: '2030-03-04T10:00:00.000Z',
      billed: true,
      billedMinutes: 45,
      subject: 'Server room too hot',
    });
    const row = await ticketRow(t.ctx, id);
    expect(row).toMatchObject({ status_key: 'pending', priority: 'critical', type: 'problem', impact: 'high', assignee_id: d.tech.id, billed: true, billed_minutes: 45 });
    expect(row.due_at?.toISOString()).toBe('2030-03-04T10:00:00.000Z');

    // null unassigns and clears the due date; billed can be taken back.
    const cleared = await d.techClient.patch(`/api/v1/tickets/${id}`, { assigneeId: null, dueAt: null, billed: false });
    expect(cleared.json<TicketDetail>()).toMatchObject({ assignee: null, dueAt: null, billed: false });
    expect(await ticketRow(t.ctx, id)).toMatchObject({ assignee_id: null, due_at: null, billed: false });
  });

  it('refuses an assignee who is not a technician of the tenant; the ticket is unchanged', async () => {
    const id = await openTicket(t.ctx, d.fx.tenant.id, d.contact.id);
    const before = await ticketRow(t.ctx, id);
    const other = await makeTenant(t.ctx);
    expectError(await d.techClient.patch(`/api/v1/tickets/${id}`, { assigneeId: other.admin.id, priority: 'high' }), 404, 'TECHNICIAN_NOT_FOUND');
    expectError(await d.techClient.patch(`/api/v1/tickets/${id}`, { assigneeId: '00000000-0000-4000-8000-000000000000' }), 404, 'TECHNICIAN_NOT_FOUND');
    expect(await ticketRow(t.ctx, id)).toEqual(before);
    expectError(await d.techClient.patch('/api/v1/tickets/00000000-0000-4000-8000-000000000000', { priority: 'high' }), 404, 'TICKET_NOT_FOUND');
  });

  it('sets and clears custom field values, which the console always shows', async () => {
    const field = await d.admin.post('/api/v1/custom-fields', { key: `asset${uniq(3)}`, label: 'Asset tag', type: 'text' });
    expectStatus(field, 201);
    const key = field.json<{ key: string }>().key;
    const id = await openTicket(t.ctx, d.fx.tenant.id, d.contact.id);
    const set = await d.techClient.patch(`/api/v1/tickets/${id}`, { customFields: { [key]: 'PC-0042' } });
    expectStatus(set, 200);
    expect(set.json<TicketDetail>().customFields).toEqual({ [key]: 'PC-0042' });
    // Hidden from the portal by default, the console still shows it.
    expect((await d.techClient.get(`/api/v1/tickets/${id}`)).json<TicketDetail>().customFields).toEqual({ [key]: 'PC-0042' });
    expect((await d.techClient.patch(`/api/v1/tickets/${id}`, { customFields: { [key]: null } })).json<TicketDetail>().customFields).toEqual({});
    const values = await t.ctx.db.selectFrom('ticket_field_values').select('value').where('ticket_id', '=', id).execute();
    expect(values).toEqual([]);
  });

  it('creates a ticket on behalf of a contact: the contact is the requester, their customer the customer, and it shows in their portal', async () => {
    const res = await d.techClient.post('/api/v1/tickets', {
      contactId: d.contact.id,
      subject: 'Called in: no e-mail since 9:00',
      description: 'Phoned the desk.',
      priority: 'high',
      assigneeId: d.tech.id,
    });
    expectStatus(res, 201);
    const ticket = res.json<TicketDetail>();
    expect(ticket).toMatchObject({
      subject: 'Called in: no e-mail since 9:00',
      description: 'Phoned the desk.',
      priority: 'high',
      type: 'incident',
      customer: { id: d.customer.id, name: d.customer.name },
      requester: { id: d.contact.id, email: d.contact.email },
      assignee: { id: d.tech.id },
      status: { key: 'open' },
    });
    const mine = await d.portal.get('/api/v1/portal/tickets');
    expect(mine.json<Page>().items.map((i) => i.id)).toContain(ticket.id);
    const [created] = await outboxOf(t.ctx, d.fx.tenant.id, ticket.id);
    expect(created?.payload).toMatchObject({ createdByTechnicianId: d.tech.id, createdByContactId: null });
  });

  it("refuses a contact of another tenant and a missing subject; nothing is written", async () => {
    const other = await makeTenant(t.ctx);
    const foreign = await makeContact(t.ctx, other.tenant.id, (await makeCustomer(t.ctx, other.tenant.id)).id);
    const subject = `Foreign ${uniq()}`;
    expectError(await d.techClient.post('/api/v1/tickets', { contactId: foreign.id, subject }), 404, 'CONTACT_NOT_FOUND');
    expectError(await d.techClient.post('/api/v1/tickets', { contactId: d.contact.id, subject: '  ' }), 400, 'VALIDATION_FAILED');
    const rows = await t.ctx.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute();
    expect(rows).toEqual([]);
  });
});

describe('outbox events, written with the change (issue 3, item 8)', () => {
  let d: Desk;
  let field: string;
  beforeAll(async () => {
    d = await desk();
    field = (await d.admin.post('/api/v1/custom-fields', { key: 'seats', label: 'Seats', type: 'number' })).json<{ key: string }>().key;
  });

  it('creating a ticket writes one pending ticket.created with its id, number and author (portal and console)', async () => {
    const portal = await d.portal.post('/api/v1/portal/tickets', { subject: 'From the portal' });
    expectStatus(portal, 201);
    const fromPortal = portal.json<PortalTicketDetail>();
    expect(await outboxOf(t.ctx, d.fx.tenant.id, fromPortal.id)).toEqual([
      { topic: 'ticket.created', status: 'pending', payload: { ticketId: fromPortal.id, number: fromPortal.number, createdByContactId: d.contact.id, createdByTechnicianId: null } },
    ]);
    const console = (await d.techClient.post('/api/v1/tickets', { contactId: d.contact.id, subject: 'From the console' })).json<TicketDetail>();
    expect(await outboxOf(t.ctx, d.fx.tenant.id, console.id)).toEqual([
      { topic: 'ticket.created', status: 'pending', payload: { ticketId: console.id, number: console.number, createdByContactId: null, createdByTechnicianId: d.tech.id } },
    ]);
  });

  it('a public reply writes ticket.replied naming the comment and its author; an internal note writes nothing', async () => {
    const id = await openTicket(t.ctx, d.fx.tenant.id, d.contact.id);
    const before = await outboxCount(t.ctx, d.fx.tenant.id);
    expectStatus(await d.techClient.post(`/api/v1/tickets/${id}/comments`, { body: 'Internal only', internal: true }), 201);
    expect(await outboxCount(t.ctx, d.fx.tenant.id)).toBe(before);

    const techReply = (await d.techClient.post(`/api/v1/tickets/${id}/comments`, { body: 'Public answer' })).json<TicketComment>();
    const contactReply = await d.portal.post(`/api/v1/portal/tickets/${id}/comments`, { body: 'Thanks!' });
    expectStatus(contactReply, 201);
    const replied = (await outboxOf(t.ctx, d.fx.tenant.id, id)).filter((r) => r.topic === 'ticket.replied');
    expect(replied.map((r) => r.payload)).toEqual(
      expect.arrayContaining([
        { ticketId: id, commentId: techReply.id, byContactId: null, byTechnicianId: d.tech.id },
        { ticketId: id, commentId: contactReply.json<TicketComment>().id, byContactId: d.contact.id, byTechnicianId: null },
      ]),
    );
    expect(replied).toHaveLength(2);
  });

  it('a status change writes ticket.status_changed with from, to and who; other edits and a same-status PATCH write none', async () => {
    const id = await openTicket(t.ctx, d.fx.tenant.id, d.contact.id);
    expectStatus(await d.techClient.patch(`/api/v1/tickets/${id}`, { status: 'pending' }), 200);
    expectStatus(await d.techClient.patch(`/api/v1/tickets/${id}`, { status: 'pending', priority: 'low' }), 200);
    expectStatus(await d.techClient.patch(`/api/v1/tickets/${id}`, { priority: 'high', billed: true }), 200);
    const changes = (await outboxOf(t.ctx, d.fx.tenant.id, id)).filter((r) => r.topic === 'ticket.status_changed');
    expect(changes.map((r) => r.payload)).toEqual([{ ticketId: id, from: 'open', to: 'pending', contactId: null, technicianId: d.tech.id }]);

    // The contact resolving it is a status change too.
    const other = await openTicket(t.ctx, d.fx.tenant.id, d.contact.id);
    expectStatus(await d.portal.patch(`/api/v1/portal/tickets/${other}`, { status: 'resolved' }), 200);
    const resolved = (await outboxOf(t.ctx, d.fx.tenant.id, other)).filter((r) => r.topic === 'ticket.status_changed');
    expect(resolved.map((r) => r.payload)).toEqual([{ ticketId: other, from: 'open', to: 'resolved', contactId: d.contact.id, technicianId: null }]);
  });

  it('a refused write leaves no outbox row: invalid custom value on create and on a status change', async () => {
    const before = await outboxCount(t.ctx, d.fx.tenant.id);
    const subject = `Refused ${uniq()}`;
    expectError(await d.techClient.post('/api/v1/tickets', { contactId: d.contact.id, subject, customFields: { [field]: 'twelve' } }), 400, 'CUSTOM_FIELD_INVALID');
    expect(await t.ctx.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute()).toEqual([]);

    const id = await openTicket(t.ctx, d.fx.tenant.id, d.contact.id);
    const afterCreate = await outboxCount(t.ctx, d.fx.tenant.id);
    expect(afterCreate).toBe(before + 1);
    expectError(await d.techClient.patch(`/api/v1/tickets/${id}`, { status: 'resolved', customFields: { [field]: 'twelve' } }), 400, 'CUSTOM_FIELD_INVALID');
    expect(await outboxCount(t.ctx, d.fx.tenant.id)).toBe(afterCreate);
    expect((await ticketRow(t.ctx, id)).status_key).toBe('open');
  });
});
