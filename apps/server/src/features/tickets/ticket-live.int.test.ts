import type { PortalTicketDetail, PortalTicketForm } from '@porta/contracts/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { type ContactFixture, makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp, useTestApp } from '../../test/harness.ts';
import { aboutTicket, type EventStream, openEventStream } from '../../test/sse.ts';
import { eventually, openTicket } from '../../test/tickets.ts';

const t = useTestApp();

let fx: TenantFixture;
let contact: ContactFixture;
let colleague: ContactFixture;
let tech: Client;
let asContact: Client;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  contact = await makeContact(t.ctx, fx.tenant.id, customer.id);
  colleague = await makeContact(t.ctx, fx.tenant.id, customer.id);
  tech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  asContact = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
});

/** Runs `fn` with an open stream and closes it whatever happens. */
async function withStream<R>(open: Promise<EventStream>, fn: (s: EventStream) => Promise<R>): Promise<R> {
  const s = await open;
  try {
    return await fn(s);
  } finally {
    s.close();
  }
}

const names = (s: EventStream) => s.events.map((e) => e.event);

describe('live updates on the portal ticket page (T-10)', () => {
  it('is an event stream that is never cached nor sniffed', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    await withStream(openEventStream(t.app, asContact, `/api/v1/portal/tickets/${id}/events`), async (s) => {
      expect(s.statusCode).toBe(200);
      expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(s.headers['cache-control']).toBe('no-store');
      expect(s.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  it("a technician's public reply arrives; the contact refetches and sees it", async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    await withStream(openEventStream(t.app, asContact, `/api/v1/portal/tickets/${id}/events`), async (s) => {
      expectStatus(await tech.post(`/api/v1/tickets/${id}/comments`, { body: 'Fixed on our side.' }), 201);
      const e = await s.waitFor('ticket.commented', aboutTicket(id));
      expect(JSON.parse(e.data)).toEqual({ ticketId: id });
      const refetch = (await asContact.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>();
      expect(refetch.comments.map((c) => c.body)).toEqual(['Fixed on our side.']);
    });
  });

  it('a status change arrives', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    await withStream(openEventStream(t.app, asContact, `/api/v1/portal/tickets/${id}/events`), async (s) => {
      expectStatus(await tech.patch(`/api/v1/tickets/${id}`, { status: 'resolved' }), 200);
      await s.waitFor('ticket.updated', aboutTicket(id));
      expect((await asContact.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>().status.key).toBe('resolved');
    });
  });

  it('an internal note sends nothing: the next event is the public reply made after it', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    await withStream(openEventStream(t.app, asContact, `/api/v1/portal/tickets/${id}/events`), async (s) => {
      expectStatus(await tech.post(`/api/v1/tickets/${id}/comments`, { body: 'Internal: escalate', internal: true }), 201);
      expectStatus(await tech.post(`/api/v1/tickets/${id}/comments`, { body: 'Public follow-up' }), 201);
      await s.waitFor('ticket.commented', aboutTicket(id));
      // Events are delivered in order on one node: had the note been sent, it would be here first.
      expect(names(s)).toEqual(['ready', 'ticket.commented']);
    });
  });

  it("only this ticket's events: another ticket's reply is not sent", async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    const other = await openTicket(t.ctx, fx.tenant.id, contact.id);
    await withStream(openEventStream(t.app, asContact, `/api/v1/portal/tickets/${id}/events`), async (s) => {
      expectStatus(await tech.post(`/api/v1/tickets/${other}/comments`, { body: 'Other ticket' }), 201);
      expectStatus(await tech.patch(`/api/v1/tickets/${id}`, { priority: 'high' }), 200);
      await s.waitFor('ticket.updated', aboutTicket(id));
      expect(s.events.map((e) => [e.event, e.data])).toEqual([
        ['ready', '{}'],
        ['ticket.updated', JSON.stringify({ ticketId: id })],
      ]);
    });
  });

  it("a colleague (not primary) cannot listen to someone else's ticket: 404", async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    const asColleague = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', colleague.id);
    const s = await openEventStream(t.app, asColleague, `/api/v1/portal/tickets/${id}/events`);
    s.close();
    expect(s.statusCode).toBe(404);
    expect(JSON.parse(s.text)).toMatchObject({ error: { code: 'TICKET_NOT_FOUND' } });
  });
});

describe('a portal settings change reaches open portal pages (T-6, T-10)', () => {
  const hide = (fields: Record<string, 'edit' | 'readonly' | 'hidden'>) => tech.patch('/api/v1/settings/portal', { fieldVisibility: fields });

  it('portal.changed (no ids of anything) arrives; the refetch it triggers drops the newly hidden field', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id, { priority: 'high' });
    await withStream(openEventStream(t.app, asContact, `/api/v1/portal/tickets/${id}/events`), async (s) => {
      expect((await asContact.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>().priority).toBe('high');
      try {
        expectStatus(await hide({ priority: 'hidden' }), 200);
        const e = await s.waitFor('portal.changed');
        expect(e.data).toBe('{}');
        const refetch = (await asContact.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>();
        expect('priority' in refetch).toBe(false);
        const form = (await asContact.get('/api/v1/portal/ticket-form')).json<PortalTicketForm>();
        expect(form.fields.map((f) => f.key)).not.toContain('priority');
      } finally {
        expectStatus(await hide({ priority: 'edit' }), 200);
      }
      // Showing it again is a change too.
      await eventually(async () => s.events.filter((e) => e.event === 'portal.changed').length === 2, 5_000);
      expect(names(s)).toEqual(['ready', 'portal.changed', 'portal.changed']);
    });
  });

  it("never reaches another tenant's contacts, nor the technicians' queue", async () => {
    const other = await makeTenant(t.ctx);
    const otherCustomer = await makeCustomer(t.ctx, other.tenant.id);
    const otherContact = await makeContact(t.ctx, other.tenant.id, otherCustomer.id);
    const otherId = await openTicket(t.ctx, other.tenant.id, otherContact.id);
    const asOther = await mintSession(t.app, t.ctx, other.host, other.tenant.id, 'contact', otherContact.id);
    const otherAdmin = await mintSession(t.app, t.ctx, other.host, other.tenant.id, 'technician', other.admin.id);
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    const mine = await openEventStream(t.app, asContact, `/api/v1/portal/tickets/${id}/events`);
    const theirs = await openEventStream(t.app, asOther, `/api/v1/portal/tickets/${otherId}/events`);
    const queue = await openEventStream(t.app, tech, '/api/v1/tickets/events');
    try {
      expectStatus(await hide({ type: 'hidden' }), 200);
      await mine.waitFor('portal.changed');
      // Events are delivered in order on one node: the other tenant's own reply is the first thing its contact hears.
      expectStatus(await otherAdmin.post(`/api/v1/tickets/${otherId}/comments`, { body: 'Their reply' }), 201);
      await theirs.waitFor('ticket.commented', aboutTicket(otherId));
      expect(names(theirs)).toEqual(['ready', 'ticket.commented']);
      // And the queue's first event is this ticket's update, not the settings change.
      expectStatus(await tech.patch(`/api/v1/tickets/${id}`, { priority: 'low' }), 200);
      await queue.waitFor('ticket.updated', aboutTicket(id));
      expect(names(queue)).toEqual(['ready', 'ticket.updated']);
    } finally {
      mine.close();
      theirs.close();
      queue.close();
      expectStatus(await hide({ type: 'edit' }), 200);
    }
  });

  it('a change about one person (a colleague signing out) is not announced to the page', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    await withStream(openEventStream(t.app, asContact, `/api/v1/portal/tickets/${id}/events`), async (s) => {
      const asColleague = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', colleague.id);
      expectStatus(await asColleague.post('/api/v1/portal/auth/logout', {}), 200);
      expectStatus(await tech.patch(`/api/v1/tickets/${id}`, { priority: 'high' }), 200);
      await s.waitFor('ticket.updated', aboutTicket(id));
      expect(names(s)).toEqual(['ready', 'ticket.updated']);
    });
  });
});

describe("live updates in the technicians' queue (T-10)", () => {
  it('a new ticket from the portal arrives as ticket.created; another tenant hears nothing of it', async () => {
    const other = await makeTenant(t.ctx);
    const otherCustomer = await makeCustomer(t.ctx, other.tenant.id);
    const otherContact = await makeContact(t.ctx, other.tenant.id, otherCustomer.id);
    const otherTech = await mintSession(t.app, t.ctx, other.host, other.tenant.id, 'technician', other.admin.id);
    const mine = await openEventStream(t.app, tech, '/api/v1/tickets/events');
    const theirs = await openEventStream(t.app, otherTech, '/api/v1/tickets/events');
    try {
      const created = await asContact.post('/api/v1/portal/tickets', { subject: 'Screen flickers' });
      expectStatus(created, 201);
      const id = created.json<PortalTicketDetail>().id;
      await mine.waitFor('ticket.created', aboutTicket(id));
      // The other tenant's own new ticket is the first event its queue gets.
      const otherId = await openTicket(t.ctx, other.tenant.id, otherContact.id);
      await theirs.waitFor('ticket.created', aboutTicket(otherId));
      expect(theirs.events.map((e) => e.data)).toEqual(['{}', JSON.stringify({ ticketId: otherId })]);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('internal notes do reach the queue (technicians may see them)', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
    await withStream(openEventStream(t.app, tech, '/api/v1/tickets/events'), async (s) => {
      expectStatus(await tech.post(`/api/v1/tickets/${id}/comments`, { body: 'note', internal: true }), 201);
      await s.waitFor('ticket.commented', aboutTicket(id));
    });
  });

  it('contacts cannot open the queue stream', async () => {
    expectError(await asContact.get('/api/v1/tickets/events'), 401, 'UNAUTHENTICATED');
  });
});

// Two app nodes sharing one PostgreSQL: events cross them over LISTEN/NOTIFY (P-1, T-10).
if (sharedDatabase().engine === 'postgres') {
  describe('live updates across two app nodes on one PostgreSQL (T-10)', () => {
    let nodeB: TestApp & { close(): Promise<void> };
    let contactOnB: Client;
    let techOnB: Client;
    beforeAll(async () => {
      nodeB = await createTestApp();
      contactOnB = await mintSession(nodeB.app, nodeB.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
      techOnB = await mintSession(nodeB.app, nodeB.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
    });
    afterAll(async () => {
      await nodeB.close();
    });

    it('a public reply and a status change written through node A reach a stream opened on node B', async () => {
      const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
      await withStream(openEventStream(nodeB.app, contactOnB, `/api/v1/portal/tickets/${id}/events`), async (s) => {
        expectStatus(await tech.post(`/api/v1/tickets/${id}/comments`, { body: 'Reply via node A' }), 201);
        await s.waitFor('ticket.commented', aboutTicket(id));
        expectStatus(await tech.patch(`/api/v1/tickets/${id}`, { status: 'pending' }), 200);
        await s.waitFor('ticket.updated', aboutTicket(id));
        const onB = (await contactOnB.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>();
        expect(onB).toMatchObject({ status: { key: 'pending' }, comments: [{ body: 'Reply via node A' }] });
      });
    });

    it('an internal note written through node A reaches no portal stream on node B', async () => {
      const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
      await withStream(openEventStream(nodeB.app, contactOnB, `/api/v1/portal/tickets/${id}/events`), async (s) => {
        expectStatus(await tech.post(`/api/v1/tickets/${id}/comments`, { body: 'Internal via A', internal: true }), 201);
        expectStatus(await tech.post(`/api/v1/tickets/${id}/comments`, { body: 'Public via A' }), 201);
        await s.waitFor('ticket.commented', aboutTicket(id));
        // NOTIFY delivers in commit order: the note, had it been sent, would have come first.
        expect(names(s)).toEqual(['ready', 'ticket.commented']);
      });
    });

    it("a ticket created through node A reaches node B's queue stream", async () => {
      await withStream(openEventStream(nodeB.app, techOnB, '/api/v1/tickets/events'), async (s) => {
        const created = await asContact.post('/api/v1/portal/tickets', { subject: 'Created on node A' });
        expectStatus(created, 201);
        await s.waitFor('ticket.created', aboutTicket(created.json<PortalTicketDetail>().id));
      });
    });

    it('a portal settings change made through node A reaches a portal stream on node B, whose refetch already applies it (T-6)', async () => {
      const id = await openTicket(t.ctx, fx.tenant.id, contact.id, { priority: 'critical' });
      await withStream(openEventStream(nodeB.app, contactOnB, `/api/v1/portal/tickets/${id}/events`), async (s) => {
        // Warm node B's session cache with the current settings.
        expect((await contactOnB.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>().priority).toBe('critical');
        try {
          expectStatus(await tech.patch('/api/v1/settings/portal', { fieldVisibility: { priority: 'hidden' } }), 200);
          await s.waitFor('portal.changed');
          expect('priority' in (await contactOnB.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>()).toBe(false);
        } finally {
          expectStatus(await tech.patch('/api/v1/settings/portal', { fieldVisibility: { priority: 'edit' } }), 200);
        }
      });
    });

    it('and the other way round: a reply through node B reaches a stream on node A', async () => {
      const id = await openTicket(t.ctx, fx.tenant.id, contact.id);
      await withStream(openEventStream(t.app, asContact, `/api/v1/portal/tickets/${id}/events`), async (s) => {
        expectStatus(await techOnB.post(`/api/v1/tickets/${id}/comments`, { body: 'Reply via node B' }), 201);
        await s.waitFor('ticket.commented', aboutTicket(id));
      });
    });
  });
}
