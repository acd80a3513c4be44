import { randomUUID } from 'node:crypto';
import type { PortalTicketDetail, PortalTicketForm, TicketSummary } from '@porta/contracts/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession, signInContact } from '../../test/client.ts';
import { type ContactFixture, makeContact, makeCustomer, makeTechnician, makeTenant, type Person, type TenantFixture, uniq } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp, useTestApp } from '../../test/harness.ts';
import { aboutTicket, openEventStream } from '../../test/sse.ts';
import { eventually, openTicket, ticketRow } from '../../test/tickets.ts';

const t = useTestApp();

interface Page {
  items: (TicketSummary & { customFields?: Record<string, unknown> })[];
}

const DUE = '2031-05-06T07:08:09.000Z';
const HIDDEN_VALUE = 'CC-HIDDEN-4711';

let fx: TenantFixture;
let admin: Client;
let contact: ContactFixture;
let asContact: Client;
let ticketId: string;
let tech: Person;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  contact = await makeContact(t.ctx, fx.tenant.id, customer.id, { isPrimary: true });
  asContact = await signInContact(t.app, fx.host, contact.username, contact.password);
  tech = await makeTechnician(t.ctx, fx.tenant.id);
  expectStatus(await admin.post('/api/v1/custom-fields', { key: 'assetTag', label: 'Asset tag', type: 'text' }), 201);
  expectStatus(await admin.post('/api/v1/custom-fields', { key: 'costCentre', label: 'Cost centre', type: 'text' }), 201);
  expectStatus(await admin.post('/api/v1/custom-fields', { key: 'site', label: 'Site', type: 'dropdown', options: ['Milan', 'Rome'] }), 201);
  expectStatus(await admin.patch('/api/v1/settings/portal', { fieldVisibility: { 'custom.assetTag': 'edit', 'custom.site': 'edit', 'custom.costCentre': 'hidden' } }), 200);
  ticketId = await openTicket(t.ctx, fx.tenant.id, contact.id, {
    subject: 'Visibility',
    priority: 'high',
    impact: 'medium',
    assigneeId: tech.id,
    dueAt: DUE,
    customFields: { assetTag: 'PC-1', costCentre: HIDDEN_VALUE },
  });
});

const setVisibility = async (fieldVisibility: Record<string, 'edit' | 'readonly' | 'hidden'>) => expectStatus(await admin.patch('/api/v1/settings/portal', { fieldVisibility }), 200);
const DEFAULTS = { priority: 'edit', type: 'edit', impact: 'hidden', assignee: 'readonly', dueDate: 'hidden' } as const;

async function portalViews(c: Client = asContact) {
  const list = await c.get('/api/v1/portal/tickets');
  expectStatus(list, 200);
  const detail = await c.get(`/api/v1/portal/tickets/${ticketId}`);
  expectStatus(detail, 200);
  const item = list.json<Page>().items.find((i) => i.id === ticketId);
  if (!item) throw new Error('ticket not listed');
  return { list, item, detail, ticket: detail.json<PortalTicketDetail>() };
}

describe('field visibility in the portal: hidden fields never leave the server (T-6)', () => {
  it('by default impact and due date are absent from list and detail; priority, type and assignee are there', async () => {
    const { list, item, detail, ticket } = await portalViews();
    for (const view of [item, ticket] as Record<string, unknown>[]) {
      expect('impact' in view).toBe(false);
      expect('dueAt' in view).toBe(false);
      expect(view).toMatchObject({ priority: 'high', type: 'incident', assignee: { id: expect.any(String) } });
    }
    expect(list.body).not.toContain(DUE);
    expect(detail.body).not.toContain(DUE);
    // The console has everything.
    expect((await admin.get(`/api/v1/tickets/${ticketId}`)).json<PortalTicketDetail>()).toMatchObject({ impact: 'medium', dueAt: DUE });
  });

  it('hidden custom fields are absent, shown ones present', async () => {
    const { detail, ticket } = await portalViews();
    expect(ticket.customFields).toEqual({ assetTag: 'PC-1' });
    expect(detail.body).not.toContain(HIDDEN_VALUE);
    expect(detail.body).not.toContain('costCentre');
  });

  it('hiding priority, type and assignee removes them everywhere; showing impact and due date adds them', async () => {
    await setVisibility({ priority: 'hidden', type: 'hidden', assignee: 'hidden', impact: 'readonly', dueDate: 'readonly' });
    try {
      const { item, ticket } = await portalViews();
      for (const view of [item, ticket] as Record<string, unknown>[]) {
        expect('priority' in view).toBe(false);
        expect('type' in view).toBe(false);
        expect('assignee' in view).toBe(false);
        expect(view).toMatchObject({ impact: 'medium', dueAt: DUE });
      }
      const form = (await asContact.get('/api/v1/portal/ticket-form')).json<PortalTicketForm>();
      expect(form.fields.map((f) => [f.key, f.visibility])).toEqual([
        ['impact', 'readonly'],
        ['dueDate', 'readonly'],
        ['assetTag', 'edit'],
        ['site', 'edit'],
      ]);
      expect(form.fields.find((f) => f.key === 'site')).toMatchObject({ kind: 'custom', type: 'dropdown', label: 'Site', options: ['Milan', 'Rome'] });
      expect(ticket.permissions.editable).toEqual(['custom.assetTag', 'custom.site']);
    } finally {
      await setVisibility(DEFAULTS);
    }
  });

  it('a live update names the ticket only, and the refetch it triggers has no hidden field', async () => {
    await setVisibility({ priority: 'hidden' });
    const stream = await openEventStream(t.app, asContact, `/api/v1/portal/tickets/${ticketId}/events`);
    try {
      expectStatus(await admin.patch(`/api/v1/tickets/${ticketId}`, { priority: 'critical', impact: 'high' }), 200);
      const event = await stream.waitFor('ticket.updated', aboutTicket(ticketId));
      expect(JSON.parse(event.data)).toEqual({ ticketId });
      const refetch = await asContact.get(`/api/v1/portal/tickets/${ticketId}`);
      const ticket = refetch.json<Record<string, unknown>>();
      expect('priority' in ticket).toBe(false);
      expect('impact' in ticket).toBe(false);
      expect(refetch.body).not.toContain('critical');
    } finally {
      stream.close();
      await setVisibility(DEFAULTS);
    }
  });
});

describe('field visibility in the portal: read-only and hidden fields are refused on write (T-6)', () => {
  it('a read-only default field is refused with FIELD_NOT_EDITABLE, on edit and on create; the row is unchanged', async () => {
    await setVisibility({ priority: 'readonly' });
    try {
      const before = await ticketRow(t.ctx, ticketId);
      const err = expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { priority: 'low' }), 403, 'FIELD_NOT_EDITABLE');
      expect(err.message).toContain('priority');
      // One refused field refuses the whole request: type (editable) is not written either.
      expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { type: 'question', priority: 'low' }), 403, 'FIELD_NOT_EDITABLE');
      expect(await ticketRow(t.ctx, ticketId)).toEqual(before);
      const subject = 'Read-only priority on create';
      expectError(await asContact.post('/api/v1/portal/tickets', { subject, priority: 'critical' }), 403, 'FIELD_NOT_EDITABLE');
      expect(await t.ctx.db.selectFrom('tickets').select('id').where('tenant_id', '=', fx.tenant.id).where('subject', '=', subject).execute()).toEqual([]);
      // The read-only value is still shown.
      expect((await asContact.get(`/api/v1/portal/tickets/${ticketId}`)).json<PortalTicketDetail>().priority).toBe(before.priority);
    } finally {
      await setVisibility(DEFAULTS);
    }
  });

  it('a hidden default field is refused alike', async () => {
    const before = await ticketRow(t.ctx, ticketId);
    expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { impact: 'low' }), 403, 'FIELD_NOT_EDITABLE');
    expect(await ticketRow(t.ctx, ticketId)).toEqual(before);
  });

  it('custom fields: an editable one is written (and validated), a hidden one is refused and unchanged', async () => {
    const values = async () =>
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
    const ok = await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { customFields: { assetTag: 'PC-2', site: 'Rome' } });
    expectStatus(ok, 200);
    expect(ok.json<PortalTicketDetail>().customFields).toEqual({ assetTag: 'PC-2', site: 'Rome' });
    expect(await values()).toEqual({ assetTag: 'PC-2', site: 'Rome', costCentre: HIDDEN_VALUE });

    expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { customFields: { costCentre: 'mine now' } }), 403, 'FIELD_NOT_EDITABLE');
    expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { customFields: { assetTag: 'PC-3', costCentre: 'mine now' } }), 403, 'FIELD_NOT_EDITABLE');
    expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { customFields: { site: 'Paris' } }), 400, 'CUSTOM_FIELD_INVALID');
    expect(await values()).toEqual({ assetTag: 'PC-2', site: 'Rome', costCentre: HIDDEN_VALUE });
  });

  it('custom fields have no read-only: PATCH /settings/portal refuses it with FIELD_VISIBILITY_INVALID', async () => {
    const before = (await admin.get('/api/v1/settings/portal')).body;
    expectError(await admin.patch('/api/v1/settings/portal', { fieldVisibility: { 'custom.assetTag': 'readonly' } }), 400, 'FIELD_VISIBILITY_INVALID');
    expect((await admin.get('/api/v1/settings/portal')).body).toBe(before);
  });
});

describe('assignee and due date set to "edit": the contact sets and clears them (T-6)', () => {
  const LATER = '2032-02-03T04:05:06.000Z';
  let other: TenantFixture;
  beforeAll(async () => {
    other = await makeTenant(t.ctx);
  });

  /** Each test leaves the defaults (assignee read-only, due date hidden) behind it. */
  async function withVisibility(fieldVisibility: Record<string, 'edit' | 'readonly' | 'hidden'>, fn: () => Promise<void>) {
    await setVisibility(fieldVisibility);
    try {
      await fn();
    } finally {
      await setVisibility(DEFAULTS);
    }
  }
  const created = async (subject: string) => t.ctx.db.selectFrom('tickets').select(['assignee_id', 'due_at']).where('tenant_id', '=', fx.tenant.id).where('subject', '=', subject).execute();

  it('on create: both set (the answer names the technician), then both left empty with null', async () => {
    await withVisibility({ assignee: 'edit', dueDate: 'edit' }, async () => {
      const subject = `Assigned on create ${uniq()}`;
      const res = await asContact.post('/api/v1/portal/tickets', { subject, assigneeId: tech.id, dueAt: '2032-02-03T06:05:06+02:00' });
      expectStatus(res, 201);
      const ticket = res.json<PortalTicketDetail>();
      expect(ticket).toMatchObject({ assignee: { id: tech.id, name: tech.name }, dueAt: LATER });
      expect(ticket.permissions.editable).toEqual(expect.arrayContaining(['assignee', 'dueDate']));
      expect(await ticketRow(t.ctx, ticket.id)).toMatchObject({ assignee_id: tech.id, due_at: new Date(LATER) });

      const empty = `Unassigned on create ${uniq()}`;
      const none = await asContact.post('/api/v1/portal/tickets', { subject: empty, assigneeId: null, dueAt: null });
      expectStatus(none, 201);
      expect(none.json<PortalTicketDetail>()).toMatchObject({ assignee: null, dueAt: null });
      expect(await created(empty)).toEqual([{ assignee_id: null, due_at: null }]);
    });
  });

  it('on update: set, then cleared with null; the detail and the row follow', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id, { subject: `Update ${uniq()}` });
    await withVisibility({ assignee: 'edit', dueDate: 'edit' }, async () => {
      const set = await asContact.patch(`/api/v1/portal/tickets/${id}`, { assigneeId: tech.id, dueAt: LATER });
      expectStatus(set, 200);
      expect(set.json<PortalTicketDetail>()).toMatchObject({ assignee: { id: tech.id, name: tech.name }, dueAt: LATER });
      expect(await ticketRow(t.ctx, id)).toMatchObject({ assignee_id: tech.id, due_at: new Date(LATER) });

      const cleared = await asContact.patch(`/api/v1/portal/tickets/${id}`, { assigneeId: null, dueAt: null });
      expectStatus(cleared, 200);
      expect(cleared.json<PortalTicketDetail>()).toMatchObject({ assignee: null, dueAt: null });
      expect(await ticketRow(t.ctx, id)).toMatchObject({ assignee_id: null, due_at: null });
      // The console sees the same.
      expect((await admin.get(`/api/v1/tickets/${id}`)).json<PortalTicketDetail>()).toMatchObject({ assignee: null, dueAt: null });
    });
  });

  it('assignee editable, due date read-only: a request touching both is refused whole, nothing written', async () => {
    await withVisibility({ assignee: 'edit', dueDate: 'readonly' }, async () => {
      const before = await ticketRow(t.ctx, ticketId);
      expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { assigneeId: null, dueAt: null }), 403, 'FIELD_NOT_EDITABLE');
      expect(await ticketRow(t.ctx, ticketId)).toEqual(before);
      expect((await asContact.get(`/api/v1/portal/tickets/${ticketId}`)).json<PortalTicketDetail>().permissions.editable).toEqual(
        expect.arrayContaining(['assignee']),
      );
    });
  });

  for (const visibility of ['readonly', 'hidden'] as const) {
    it(`${visibility}: setting or clearing either is refused with FIELD_NOT_EDITABLE on update and on create; nothing is written`, async () => {
      await withVisibility({ assignee: visibility, dueDate: visibility }, async () => {
        const before = await ticketRow(t.ctx, ticketId);
        expect(before).toMatchObject({ assignee_id: tech.id, due_at: new Date(DUE) });
        for (const body of [{ assigneeId: null }, { assigneeId: fx.admin.id }, { dueAt: null }, { dueAt: LATER }, { priority: 'low', dueAt: LATER }]) {
          expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, body), 403, 'FIELD_NOT_EDITABLE');
        }
        expect(await ticketRow(t.ctx, ticketId)).toEqual(before);
        const subject = `Refused ${visibility} ${uniq()}`;
        expectError(await asContact.post('/api/v1/portal/tickets', { subject, assigneeId: tech.id }), 403, 'FIELD_NOT_EDITABLE');
        expectError(await asContact.post('/api/v1/portal/tickets', { subject, dueAt: LATER }), 403, 'FIELD_NOT_EDITABLE');
        expect(await created(subject)).toEqual([]);
        const { ticket } = await portalViews();
        expect(ticket.permissions.editable).not.toContain('assignee');
        expect(ticket.permissions.editable).not.toContain('dueDate');
      });
    });
  }

  it("a technician of another tenant, or no technician at all, is refused with TECHNICIAN_NOT_FOUND on create and on update; nothing is written", async () => {
    await withVisibility({ assignee: 'edit', dueDate: 'edit' }, async () => {
      const subject = `Foreign assignee ${uniq()}`;
      for (const assigneeId of [other.admin.id, randomUUID()]) {
        expectError(await asContact.post('/api/v1/portal/tickets', { subject, assigneeId, dueAt: LATER }), 404, 'TECHNICIAN_NOT_FOUND');
      }
      expect(await created(subject)).toEqual([]);
      const before = await ticketRow(t.ctx, ticketId);
      for (const assigneeId of [other.admin.id, randomUUID()]) {
        expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { assigneeId, dueAt: LATER }), 404, 'TECHNICIAN_NOT_FOUND');
      }
      expect(await ticketRow(t.ctx, ticketId)).toEqual(before);
      expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { assigneeId: 'not-a-uuid' }), 400, 'VALIDATION_FAILED');
      expectError(await asContact.patch(`/api/v1/portal/tickets/${ticketId}`, { dueAt: '2032-02-03' }), 400, 'VALIDATION_FAILED');
      expect(await ticketRow(t.ctx, ticketId)).toEqual(before);
    });
  });

  it('a billed ticket stays read-only (T-5): TICKET_BILLED, no editable field, nothing written', async () => {
    const id = await openTicket(t.ctx, fx.tenant.id, contact.id, { subject: `Billed ${uniq()}` });
    expectStatus(await admin.patch(`/api/v1/tickets/${id}`, { billed: true }), 200);
    await withVisibility({ assignee: 'edit', dueDate: 'edit' }, async () => {
      const before = await ticketRow(t.ctx, id);
      expectError(await asContact.patch(`/api/v1/portal/tickets/${id}`, { assigneeId: tech.id }), 409, 'TICKET_BILLED');
      expectError(await asContact.patch(`/api/v1/portal/tickets/${id}`, { dueAt: LATER }), 409, 'TICKET_BILLED');
      expect(await ticketRow(t.ctx, id)).toEqual(before);
      expect((await asContact.get(`/api/v1/portal/tickets/${id}`)).json<PortalTicketDetail>().permissions.editable).toEqual([]);
    });
  });

  it("the form lists the tenant's technicians (id and name) only while the assignee is editable", async () => {
    const form = async () => {
      const res = await asContact.get('/api/v1/portal/ticket-form');
      expectStatus(res, 200);
      return { body: res.body, assignee: res.json<PortalTicketForm>().fields.find((f) => f.key === 'assignee') };
    };
    // Read-only (the default): the field is there, the technicians are not.
    const readonly = await form();
    expect(readonly.assignee).toMatchObject({ visibility: 'readonly' });
    expect(readonly.assignee && 'choices' in readonly.assignee).toBe(false);
    expect(readonly.body).not.toContain(tech.id);
    expect(readonly.body).not.toContain(fx.admin.email);

    await withVisibility({ assignee: 'edit' }, async () => {
      const editable = await form();
      expect(editable.assignee).toMatchObject({ visibility: 'edit' });
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      expect([...(editable.assignee?.choices ?? [])].sort(byId)).toEqual(
        [
          { id: fx.admin.id, name: fx.admin.name },
          { id: tech.id, name: tech.name },
        ].sort(byId),
      );
      // Names only: no e-mail address, nothing of another tenant.
      expect(editable.body).not.toContain(tech.email);
      expect(editable.body).not.toContain(other.admin.id);
    });

    await withVisibility({ assignee: 'hidden' }, async () => {
      const hidden = await form();
      expect(hidden.assignee).toBeUndefined();
      expect(hidden.body).not.toContain(tech.id);
    });
  });
});

/** Each app node caches signed-in sessions (with the portal settings) for PORTA_SESSION_CACHE_MS. */
function appliesAtOnce(label: string, env: Record<string, string>) {
  describe(`a visibility change applies to signed-in contacts at their next request, ${label} (T-6)`, () => {
    let node: TestApp & { close(): Promise<void> };
    beforeAll(async () => {
      node = await createTestApp({ env });
    });
    afterAll(async () => {
      await node.close();
    });

    it('no re-login: the next list and detail drop the field, and the next write to it is refused', async () => {
      const signedIn = await signInContact(node.app, fx.host, contact.username, contact.password);
      const nodeAdmin = await mintSession(node.app, node.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
      try {
        // Warm the session (and its cache entry, when on) with the current settings.
        expect((await portalViews(signedIn)).ticket.type).toBeDefined();
        expectStatus(await signedIn.patch(`/api/v1/portal/tickets/${ticketId}`, { type: 'request' }), 200);
        expectStatus(await nodeAdmin.patch('/api/v1/settings/portal', { fieldVisibility: { type: 'hidden' } }), 200);
        const { item, ticket } = await portalViews(signedIn);
        expect('type' in item).toBe(false);
        expect('type' in ticket).toBe(false);
        expectError(await signedIn.patch(`/api/v1/portal/tickets/${ticketId}`, { type: 'question' }), 403, 'FIELD_NOT_EDITABLE');
        expect((await ticketRow(t.ctx, ticketId)).type).toBe('request');
      } finally {
        expectStatus(await nodeAdmin.patch('/api/v1/settings/portal', { fieldVisibility: DEFAULTS }), 200);
      }
      expect((await portalViews(signedIn)).ticket.type).toBe('request');
    });

    it('a custom field deleted is no longer offered for editing at the next request (the session carries the field keys)', async () => {
      const signedIn = await signInContact(node.app, fx.host, contact.username, contact.password);
      const nodeAdmin = await mintSession(node.app, node.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
      const key = `temp${uniq(4)}`;
      const created = await nodeAdmin.post('/api/v1/custom-fields', { key, label: 'Temporary', type: 'text' });
      expectStatus(created, 201);
      expectStatus(await nodeAdmin.patch('/api/v1/settings/portal', { fieldVisibility: { [`custom.${key}`]: 'edit' } }), 200);
      expect((await portalViews(signedIn)).ticket.permissions.editable).toContain(`custom.${key}`);
      expectStatus(await nodeAdmin.delete(`/api/v1/custom-fields/${created.json<{ id: string }>().id}`), 204);
      expect((await portalViews(signedIn)).ticket.permissions.editable).not.toContain(`custom.${key}`);
    });
  });
}

appliesAtOnce('with the session cache off', { PORTA_SESSION_CACHE_MS: '0' });
appliesAtOnce('with the session cache on (60 s, longer than the test)', { PORTA_SESSION_CACHE_MS: '60000' });

// Two app nodes on one PostgreSQL: the change made on node A reaches the cache of node B (LISTEN/NOTIFY).
if (sharedDatabase().engine === 'postgres') {
  describe('a visibility change made on one node applies on another node with a warm session cache (T-6, P-1)', () => {
    let nodeB: TestApp & { close(): Promise<void> };
    beforeAll(async () => {
      nodeB = await createTestApp({ env: { PORTA_SESSION_CACHE_MS: '60000' } });
    });
    afterAll(async () => {
      await nodeB.close();
    });

    it("node B's next answers drop the field hidden through node A", async () => {
      const onB = await signInContact(nodeB.app, fx.host, contact.username, contact.password);
      try {
        expect('dueAt' in (await portalViews(onB)).ticket).toBe(false);
        expectStatus(await admin.patch('/api/v1/settings/portal', { fieldVisibility: { dueDate: 'readonly', priority: 'hidden' } }), 200);
        // NOTIFY crosses nodes in milliseconds; without it, node B would serve the cached settings for 60 s.
        const applied = await eventually(async () => {
          const { ticket } = await portalViews(onB);
          return 'dueAt' in ticket && !('priority' in ticket);
        }, 2_000);
        expect(applied).toBe(true);
      } finally {
        await setVisibility(DEFAULTS);
      }
    });
  });
}
