import { beforeAll, describe, expect, it } from 'vitest';
import type { PortalTicketDetail, TicketStatus, TicketSummary } from '@porta/contracts/tickets';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { newTicket } from '../../test/authorization/world.ts';
import { type Client, mintSession, signInTechnician } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { ticketRow } from '../../test/tickets.ts';

const t = useTestApp();
let fx: TenantFixture;
let admin: Client;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
});

describe('ticket statuses (T-3)', () => {
  it('a new tenant has the four default statuses, which cannot be renamed or deleted', async () => {
    const res = await admin.get('/api/v1/ticket-statuses');
    expectStatus(res, 200);
    const items = res.json<{ items: { id: string; key: string; isDefault: boolean }[] }>().items;
    expect(items.map((s) => s.key)).toEqual(['open', 'pending', 'resolved', 'closed']);
    const open = items[0]?.id ?? '';
    expectError(await admin.patch(`/api/v1/ticket-statuses/${open}`, { name: 'Neu' }), 409, 'STATUS_IS_DEFAULT');
    expectError(await admin.delete(`/api/v1/ticket-statuses/${open}`), 409, 'STATUS_IS_DEFAULT');
  });

  it('a status that tickets use cannot be deleted: 409 STATUS_IN_USE, not a 500 (P-3)', async () => {
    const created = await admin.post('/api/v1/ticket-statuses', { key: 'waiting-parts', name: 'Waiting for parts', category: 'open' });
    expectStatus(created, 201);
    const status = created.json<{ id: string }>();
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    const contact = await makeContact(t.ctx, fx.tenant.id, customer.id);
    const ticketId = await newTicket(t.ctx, fx.tenant.id, contact.id);
    expectStatus(await admin.patch(`/api/v1/tickets/${ticketId}`, { status: 'waiting-parts' }), 200);
    expectError(await admin.delete(`/api/v1/ticket-statuses/${status.id}`), 409, 'STATUS_IN_USE');
    expectStatus(await admin.patch(`/api/v1/tickets/${ticketId}`, { status: 'open' }), 200);
    expectStatus(await admin.delete(`/api/v1/ticket-statuses/${status.id}`), 204);
  });
});

describe('tenant-defined statuses, open-like or closed-like (T-3, issue 3 item 1)', () => {
  let contact: Client;
  let contactId: string;
  const items = (res: { json: <T>() => T }) => res.json<{ items: TicketSummary[] }>().items.map((i) => i.id);

  beforeAll(async () => {
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    contactId = (await makeContact(t.ctx, fx.tenant.id, customer.id)).id;
    contact = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contactId);
  });

  it('an admin adds statuses after the defaults, with a name and a category; keys are unique per tenant', async () => {
    const res = await admin.post('/api/v1/ticket-statuses', { key: 'On-Site', name: 'Technician on site', category: 'open' });
    expectStatus(res, 201);
    expect(res.json<TicketStatus>()).toMatchObject({ key: 'on-site', name: 'Technician on site', category: 'open', isDefault: false });
    expectStatus(await admin.post('/api/v1/ticket-statuses', { key: 'cancelled', name: 'Cancelled', category: 'closed' }), 201);
    expectError(await admin.post('/api/v1/ticket-statuses', { key: 'on-site', name: 'Again', category: 'open' }), 409, 'STATUS_KEY_TAKEN');
    expectError(await admin.post('/api/v1/ticket-statuses', { key: 'x y', name: 'Bad key', category: 'open' }), 400, 'VALIDATION_FAILED');
    expectError(await admin.post('/api/v1/ticket-statuses', { key: 'limbo', name: 'Limbo', category: 'maybe' }), 400, 'VALIDATION_FAILED');
    const keys = (await admin.get('/api/v1/ticket-statuses')).json<{ items: TicketStatus[] }>().items.map((s) => s.key);
    expect(keys.slice(0, 4)).toEqual(['open', 'pending', 'resolved', 'closed']);
    expect(keys).toEqual(expect.arrayContaining(['on-site', 'cancelled']));
    // Another tenant may use the same key.
    const other = await makeTenant(t.ctx);
    const otherAdmin = await mintSession(t.app, t.ctx, other.host, other.tenant.id, 'technician', other.admin.id);
    expectStatus(await otherAdmin.post('/api/v1/ticket-statuses', { key: 'on-site', name: 'On site', category: 'open' }), 201);
  });

  it('the console filters by a tenant-defined status; the portal shows it once the admin makes it visible', async () => {
    const id = await newTicket(t.ctx, fx.tenant.id, contactId);
    expectStatus(await admin.patch(`/api/v1/tickets/${id}`, { status: 'on-site' }), 200);
    expect(items(await admin.get('/api/v1/tickets?status=on-site'))).toEqual([id]);
    // New statuses are not in the portal until an admin shows them (T-3).
    expectError(await contact.get(`/api/v1/portal/tickets/${id}`), 404, 'TICKET_NOT_FOUND');
    expectStatus(await admin.patch('/api/v1/settings/portal', { tickets: { visibleStatuses: ['open', 'pending', 'resolved', 'closed', 'on-site', 'cancelled'] } }), 200);
    expect(items(await contact.get('/api/v1/portal/tickets?status=on-site'))).toEqual([id]);
  });

  it('open-like: the contact may resolve, not reopen; closed-like: the contact may reopen, not resolve', async () => {
    const onSite = await newTicket(t.ctx, fx.tenant.id, contactId);
    expectStatus(await admin.patch(`/api/v1/tickets/${onSite}`, { status: 'on-site' }), 200);
    const open = await contact.get(`/api/v1/portal/tickets/${onSite}`);
    expect(open.json<PortalTicketDetail>()).toMatchObject({ status: { key: 'on-site', category: 'open' }, permissions: { canResolve: true, canReopen: false } });
    expectError(await contact.patch(`/api/v1/portal/tickets/${onSite}`, { status: 'open' }), 409, 'TICKET_NOT_OPEN');
    expectStatus(await contact.patch(`/api/v1/portal/tickets/${onSite}`, { status: 'resolved' }), 200);
    expect((await ticketRow(t.ctx, onSite)).status_key).toBe('resolved');

    const cancelled = await newTicket(t.ctx, fx.tenant.id, contactId);
    expectStatus(await admin.patch(`/api/v1/tickets/${cancelled}`, { status: 'cancelled' }), 200);
    const closed = await contact.get(`/api/v1/portal/tickets/${cancelled}`);
    expect(closed.json<PortalTicketDetail>()).toMatchObject({ status: { key: 'cancelled', category: 'closed' }, permissions: { canResolve: false, canReopen: true } });
    expectError(await contact.patch(`/api/v1/portal/tickets/${cancelled}`, { status: 'resolved' }), 409, 'TICKET_NOT_OPEN');
    // A comment on a closed-like ticket reopens it (reopening allowed by default).
    expectStatus(await contact.post(`/api/v1/portal/tickets/${cancelled}/comments`, { body: 'Not cancelled after all' }), 201);
    expect((await ticketRow(t.ctx, cancelled)).status_key).toBe('open');
  });

  it("changing a tenant status's category changes what contacts may do", async () => {
    const statuses = (await admin.get('/api/v1/ticket-statuses')).json<{ items: TicketStatus[] }>().items;
    const onSite = statuses.find((s) => s.key === 'on-site');
    const id = await newTicket(t.ctx, fx.tenant.id, contactId);
    expectStatus(await admin.patch(`/api/v1/tickets/${id}`, { status: 'on-site' }), 200);
    const res = await admin.patch(`/api/v1/ticket-statuses/${onSite?.id ?? ''}`, { category: 'closed' });
    expectStatus(res, 200);
    try {
      expect((await contact.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>().permissions).toMatchObject({ canResolve: false, canReopen: true });
    } finally {
      expectStatus(await admin.patch(`/api/v1/ticket-statuses/${onSite?.id ?? ''}`, { category: 'open' }), 200);
    }
  });
});
