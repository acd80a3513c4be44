import type { PortalSettings } from '@porta/contracts/portal-settings';
import type { PortalTicketDetail, PortalTicketForm, TicketSummary } from '@porta/contracts/tickets';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, uniq } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { multipartFile } from '../../test/multipart.ts';
import { openEventStream } from '../../test/sse.ts';
import { attachmentCount, commentCount, openTicket, outboxOf, setStatus, ticketRow } from '../../test/tickets.ts';
import { readStoredSettings } from './portal-settings.repo.ts';

const t = useTestApp();

interface Page {
  items: TicketSummary[];
  total: number;
}
interface Me {
  sections: Record<'tickets' | 'kb' | 'assistant' | 'selfService', boolean>;
}

/** A tenant of its own (settings are per tenant), two customers with a contact each, and a ticket with a file. */
async function portalTenant() {
  const fx = await makeTenant(t.ctx);
  const admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  const acme = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Acme' });
  const globex = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Globex' });
  const alice = await makeContact(t.ctx, fx.tenant.id, acme.id, { isPrimary: true });
  const gina = await makeContact(t.ctx, fx.tenant.id, globex.id);
  const ticket = await openTicket(t.ctx, fx.tenant.id, alice.id, { subject: 'Alice ticket' });
  const file = multipartFile('log.txt', 'boot log');
  const upload = await admin.request('POST', `/api/v1/tickets/${ticket}/attachments`, { body: file.body, headers: file.headers });
  expectStatus(upload, 201);
  return {
    fx,
    admin,
    acme,
    globex,
    alice,
    gina,
    ticket,
    attachmentId: upload.json<{ id: string }>().id,
    asAlice: await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', alice.id),
    asGina: await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', gina.id),
  };
}
type PortalTenant = Awaited<ReturnType<typeof portalTenant>>;

/** Every portal ticket route, called as `c` on ticket `id`, with its answer. */
async function everyTicketRoute(c: Client, id: string, attachmentId: string) {
  const file = multipartFile('more.txt', 'more');
  const stream = await openEventStream(t.app, c, `/api/v1/portal/tickets/${id}/events`);
  stream.close();
  return {
    'GET ticket-form': await c.get('/api/v1/portal/ticket-form'),
    'GET list': await c.get('/api/v1/portal/tickets?scope=company'),
    'POST create': await c.post('/api/v1/portal/tickets', { subject: `Off ${uniq()}` }),
    'GET detail': await c.get(`/api/v1/portal/tickets/${id}`),
    'PATCH ticket': await c.patch(`/api/v1/portal/tickets/${id}`, { priority: 'critical' }),
    'POST comment': await c.post(`/api/v1/portal/tickets/${id}/comments`, { body: 'hello?' }),
    'POST attachment': await c.request('POST', `/api/v1/portal/tickets/${id}/attachments`, { body: file.body, headers: file.headers }),
    'GET attachment': await c.get(`/api/v1/portal/tickets/${id}/attachments/${attachmentId}`),
    'GET events': { statusCode: stream.statusCode, body: stream.text },
  };
}

async function ticketsOf(tenantId: string) {
  const r = await t.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('portal settings: the admin page (T-2, T-3, T-4, T-6)', () => {
  let p: PortalTenant;
  beforeAll(async () => {
    p = await portalTenant();
  });

  it('answers the defaults: Ticketing on for everyone, the four statuses visible, reopening allowed', async () => {
    const res = await p.admin.get('/api/v1/settings/portal');
    expectStatus(res, 200);
    expect(res.json<PortalSettings>()).toMatchObject({
      sections: { tickets: { mode: 'all', customerIds: [] } },
      tickets: { visibleStatuses: ['open', 'pending', 'resolved', 'closed'], allowReopen: true },
      fieldVisibility: { priority: 'edit', type: 'edit', impact: 'hidden', assignee: 'readonly', dueDate: 'hidden' },
    });
  });

  it('saves a change and keeps what the patch does not name', async () => {
    const res = await p.admin.patch('/api/v1/settings/portal', { tickets: { allowReopen: false } });
    expectStatus(res, 200);
    expect(res.json<PortalSettings>().tickets).toEqual({ visibleStatuses: ['open', 'pending', 'resolved', 'closed'], allowReopen: false });
    const again = await p.admin.patch('/api/v1/settings/portal', { tickets: { visibleStatuses: ['open', 'resolved', 'open'] } });
    expect(again.json<PortalSettings>().tickets).toEqual({ visibleStatuses: ['open', 'resolved'], allowReopen: false });
    expect((await p.admin.get('/api/v1/settings/portal')).json<PortalSettings>().tickets).toEqual({ visibleStatuses: ['open', 'resolved'], allowReopen: false });
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { tickets: { visibleStatuses: ['open', 'pending', 'resolved', 'closed'], allowReopen: true } }), 200);
  });

  it('refuses unknown customers, unknown statuses, unknown fields and read-only custom fields; nothing is saved', async () => {
    const before = await readStoredSettings(t.ctx.db, p.fx.tenant.id);
    const other = await makeTenant(t.ctx);
    const foreignCustomer = await makeCustomer(t.ctx, other.tenant.id);
    expectError(await p.admin.patch('/api/v1/settings/portal', { sections: { tickets: { mode: 'selected', customerIds: [p.acme.id, foreignCustomer.id] } } }), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await p.admin.patch('/api/v1/settings/portal', { tickets: { visibleStatuses: ['open', 'nope'], allowReopen: false } }), 404, 'STATUS_NOT_FOUND');
    // #9 item 6: the message names the unknown field, never a raw {{field}}.
    const unknown = expectError(await p.admin.patch('/api/v1/settings/portal', { fieldVisibility: { 'custom.nope': 'edit' } }), 404, 'CUSTOM_FIELD_NOT_FOUND');
    expect(unknown.message).toBe('Custom field not found: nope');
    const notCustom = expectError(await p.admin.patch('/api/v1/settings/portal', { fieldVisibility: { bogus: 'hidden' } }, { 'accept-language': 'fr' }), 404, 'CUSTOM_FIELD_NOT_FOUND');
    expect(notCustom.message).toBe('Champ personnalisé introuvable : bogus');
    const field = await p.admin.post('/api/v1/custom-fields', { key: 'costCentre', label: 'Cost centre', type: 'text' });
    expectStatus(field, 201);
    expectError(await p.admin.patch('/api/v1/settings/portal', { fieldVisibility: { 'custom.costCentre': 'readonly', priority: 'hidden' } }), 400, 'FIELD_VISIBILITY_INVALID');
    expectError(await p.admin.patch('/api/v1/settings/portal', { fieldVisibility: { priority: 'secret' } }), 400, 'VALIDATION_FAILED');
    expect(await readStoredSettings(t.ctx.db, p.fx.tenant.id)).toEqual(before);
  });
});

describe('portal settings outlive what they name (P-3)', () => {
  it('after a visible status, a shown custom field and a selected customer are deleted, other changes still save', async () => {
    const p = await portalTenant();
    const status = await p.admin.post('/api/v1/ticket-statuses', { key: 'parts', name: 'Waiting for parts', category: 'open' });
    const field = await p.admin.post('/api/v1/custom-fields', { key: 'tag', label: 'Tag', type: 'text' });
    const gone = await makeCustomer(t.ctx, p.fx.tenant.id, { name: 'Soon gone' });
    expectStatus(
      await p.admin.patch('/api/v1/settings/portal', {
        sections: { tickets: { mode: 'selected', customerIds: [p.acme.id, gone.id] } },
        tickets: { visibleStatuses: ['open', 'resolved', 'parts'] },
        fieldVisibility: { 'custom.tag': 'edit' },
      }),
      200,
    );
    expectStatus(await p.admin.delete(`/api/v1/ticket-statuses/${status.json<{ id: string }>().id}`), 204);
    expectStatus(await p.admin.delete(`/api/v1/custom-fields/${field.json<{ id: string }>().id}`), 204);
    expectStatus(await p.admin.delete(`/api/v1/customers/${gone.id}`), 204);

    // Before the fix every later change was refused (404) for a reference it did not name, and
    // a deleted custom field's visibility could not be removed at all: the page was locked.
    const res = await p.admin.patch('/api/v1/settings/portal', { tickets: { allowReopen: false } });
    expectStatus(res, 200);
    expect(res.json<PortalSettings>()).toMatchObject({
      sections: { tickets: { mode: 'selected', customerIds: [p.acme.id] } },
      tickets: { visibleStatuses: ['open', 'resolved'], allowReopen: false },
    });
    expect('custom.tag' in res.json<PortalSettings>().fieldVisibility).toBe(false);
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { fieldVisibility: { priority: 'readonly' } }), 200);
    // The deleted field's visibility is gone: a field made again with the same key starts hidden.
    expectStatus(await p.admin.post('/api/v1/custom-fields', { key: 'tag', label: 'Tag', type: 'text' }), 201);
    const form = (await p.asAlice.get('/api/v1/portal/ticket-form')).json<PortalTicketForm>();
    expect(form.fields.map((f) => f.key)).not.toContain('tag');
    // What a patch names itself is still checked.
    expectError(await p.admin.patch('/api/v1/settings/portal', { tickets: { visibleStatuses: ['open', 'parts'] } }), 404, 'STATUS_NOT_FOUND');
  });
});

describe('Ticketing section off or for selected customers (T-2)', () => {
  let p: PortalTenant;
  beforeAll(async () => {
    p = await portalTenant();
  });

  it('off for everyone: every portal ticket route answers 404, /portal/me says so, nothing is written', async () => {
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { sections: { tickets: { mode: 'off', customerIds: [] } } }), 200);
    const before = { tickets: await ticketsOf(p.fx.tenant.id), comments: await commentCount(t.ctx, p.ticket), files: await attachmentCount(t.ctx, p.ticket), row: await ticketRow(t.ctx, p.ticket) };
    const answers = await everyTicketRoute(p.asAlice, p.ticket, p.attachmentId);
    for (const [route, res] of Object.entries(answers)) expect({ route, status: res.statusCode }).toEqual({ route, status: 404 });
    expect((await p.asAlice.get('/api/v1/portal/me')).json<Me>().sections.tickets).toBe(false);
    expect({ tickets: await ticketsOf(p.fx.tenant.id), comments: await commentCount(t.ctx, p.ticket), files: await attachmentCount(t.ctx, p.ticket), row: await ticketRow(t.ctx, p.ticket) }).toEqual(before);
    // The console is not the portal: technicians keep working.
    expectStatus(await p.admin.get(`/api/v1/tickets/${p.ticket}`), 200);
  });

  it('on for selected customers only: their contacts have it, the others get 404', async () => {
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { sections: { tickets: { mode: 'selected', customerIds: [p.acme.id] } } }), 200);
    expect((await p.asAlice.get('/api/v1/portal/me')).json<Me>().sections.tickets).toBe(true);
    expect((await p.asGina.get('/api/v1/portal/me')).json<Me>().sections.tickets).toBe(false);
    expectStatus(await p.asAlice.get('/api/v1/portal/tickets'), 200);
    expectStatus(await p.asAlice.get(`/api/v1/portal/tickets/${p.ticket}`), 200);
    const ginaTicket = await openTicket(t.ctx, p.fx.tenant.id, p.gina.id);
    expectError(await p.asGina.get('/api/v1/portal/tickets'), 404, 'NOT_FOUND');
    expectError(await p.asGina.get(`/api/v1/portal/tickets/${ginaTicket}`), 404, 'NOT_FOUND');
    expectError(await p.asGina.get('/api/v1/portal/ticket-form'), 404, 'NOT_FOUND');
    expectError(await p.asGina.post('/api/v1/portal/tickets', { subject: 'Let me in' }), 404, 'NOT_FOUND');
  });

  it('on for everyone again: both have it', async () => {
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { sections: { tickets: { mode: 'all', customerIds: [] } } }), 200);
    expect((await p.asGina.get('/api/v1/portal/me')).json<Me>().sections.tickets).toBe(true);
    const answers = await everyTicketRoute(p.asAlice, p.ticket, p.attachmentId);
    expect(Object.values(answers).map((r) => r.statusCode)).toEqual([200, 200, 201, 200, 200, 201, 201, 200, 200]);
  });
});

describe('statuses visible in the portal (T-3)', () => {
  let p: PortalTenant;
  let pending: string;
  let pendingFile: string;
  beforeAll(async () => {
    p = await portalTenant();
    pending = await openTicket(t.ctx, p.fx.tenant.id, p.alice.id, { subject: 'Waiting on vendor' });
    await setStatus(t.ctx, p.fx.tenant.id, pending, 'pending');
    const file = multipartFile('quote.txt', 'vendor quote');
    const upload = await p.admin.request('POST', `/api/v1/tickets/${pending}/attachments`, { body: file.body, headers: file.headers });
    expectStatus(upload, 201);
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { tickets: { visibleStatuses: ['open', 'resolved', 'closed'] } }), 200);
    pendingFile = upload.json<{ id: string }>().id;
  });

  it('a ticket in a hidden status is not listed, in either scope or when asked for by status', async () => {
    const mine = await p.asAlice.get('/api/v1/portal/tickets');
    expect(mine.json<Page>().items.map((i) => i.id)).toEqual([p.ticket]);
    expect(mine.json<Page>().total).toBe(1);
    expect(mine.body).not.toContain('Waiting on vendor');
    expect((await p.asAlice.get('/api/v1/portal/tickets?scope=company')).json<Page>().items.map((i) => i.id)).toEqual([p.ticket]);
    expect((await p.asAlice.get('/api/v1/portal/tickets?status=pending')).json<Page>()).toMatchObject({ items: [], total: 0 });
    const form = (await p.asAlice.get('/api/v1/portal/ticket-form')).json<PortalTicketForm>();
    expect(form.statuses.map((s) => s.key)).toEqual(['open', 'resolved', 'closed']);
  });

  it('answers 404 for its page, comments, files, changes and live updates; nothing is written', async () => {
    const before = { comments: await commentCount(t.ctx, pending), files: await attachmentCount(t.ctx, pending), row: await ticketRow(t.ctx, pending) };
    const answers = await everyTicketRoute(p.asAlice, pending, pendingFile);
    for (const route of ['GET detail', 'PATCH ticket', 'POST comment', 'POST attachment', 'GET attachment', 'GET events'] as const) {
      expect({ route, status: answers[route].statusCode }).toEqual({ route, status: 404 });
    }
    expect({ comments: await commentCount(t.ctx, pending), files: await attachmentCount(t.ctx, pending), row: await ticketRow(t.ctx, pending) }).toEqual(before);
    // Technicians still see it.
    expect((await p.admin.get('/api/v1/tickets?status=pending')).json<Page>().items.map((i) => i.id)).toEqual([pending]);
  });

  it('showing the status again brings the ticket back', async () => {
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { tickets: { visibleStatuses: ['open', 'pending', 'resolved', 'closed'] } }), 200);
    expectStatus(await p.asAlice.get(`/api/v1/portal/tickets/${pending}`), 200);
    expect((await p.asAlice.get('/api/v1/portal/tickets?status=pending')).json<Page>().items.map((i) => i.id)).toEqual([pending]);
  });
});

describe('"ticket cannot be reopened" (T-4)', () => {
  let p: PortalTenant;
  beforeAll(async () => {
    p = await portalTenant();
  });

  const resolvedTicket = async () => {
    const id = await openTicket(t.ctx, p.fx.tenant.id, p.alice.id);
    expectStatus(await p.admin.patch(`/api/v1/tickets/${id}`, { status: 'resolved' }), 200);
    return id;
  };

  it('with reopening off: the action is hidden and refused with REOPEN_NOT_ALLOWED, and a comment does not reopen', async () => {
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { tickets: { allowReopen: false } }), 200);
    const id = await resolvedTicket();
    const detail = await p.asAlice.get(`/api/v1/portal/tickets/${id}`);
    expect(detail.json<PortalTicketDetail>().permissions).toMatchObject({ canReopen: false, canComment: true });
    expect((await p.asAlice.get('/api/v1/portal/ticket-form')).json<PortalTicketForm>().allowReopen).toBe(false);

    const before = await ticketRow(t.ctx, id);
    expectError(await p.asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'open' }), 409, 'REOPEN_NOT_ALLOWED');
    expect(await ticketRow(t.ctx, id)).toEqual(before);

    const comment = await p.asAlice.post(`/api/v1/portal/tickets/${id}/comments`, { body: 'It broke again' });
    expectStatus(comment, 201);
    expect((await ticketRow(t.ctx, id)).status_key).toBe('resolved');
    const changes = (await outboxOf(t.ctx, p.fx.tenant.id, id)).filter((r) => r.topic === 'ticket.status_changed' && r.payload.contactId === p.alice.id);
    expect(changes).toEqual([]);
    // Closed (not only resolved) tickets alike.
    expectStatus(await p.admin.patch(`/api/v1/tickets/${id}`, { status: 'closed' }), 200);
    expectError(await p.asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'open' }), 409, 'REOPEN_NOT_ALLOWED');
    expectStatus(await p.asAlice.post(`/api/v1/portal/tickets/${id}/comments`, { body: 'Hello?' }), 201);
    expect((await ticketRow(t.ctx, id)).status_key).toBe('closed');
  });

  it('with reopening on: the action is offered, and a comment on a closed ticket reopens it', async () => {
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { tickets: { allowReopen: true } }), 200);
    const id = await resolvedTicket();
    expect((await p.asAlice.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>().permissions.canReopen).toBe(true);
    expectStatus(await p.asAlice.post(`/api/v1/portal/tickets/${id}/comments`, { body: 'It broke again' }), 201);
    expect((await ticketRow(t.ctx, id)).status_key).toBe('open');
    const changes = (await outboxOf(t.ctx, p.fx.tenant.id, id)).filter((r) => r.topic === 'ticket.status_changed' && r.payload.contactId === p.alice.id);
    expect(changes.map((r) => r.payload)).toEqual([{ ticketId: id, from: 'resolved', to: 'open', contactId: p.alice.id, technicianId: null }]);
  });

  it('reopening is not offered when Open itself is hidden from the portal', async () => {
    expectStatus(await p.admin.patch('/api/v1/settings/portal', { tickets: { allowReopen: true, visibleStatuses: ['pending', 'resolved', 'closed'] } }), 200);
    const id = await resolvedTicket();
    expect((await p.asAlice.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>().permissions.canReopen).toBe(false);
    expectError(await p.asAlice.patch(`/api/v1/portal/tickets/${id}`, { status: 'open' }), 409, 'REOPEN_NOT_ALLOWED');
    expect((await ticketRow(t.ctx, id)).status_key).toBe('resolved');
  });
});
