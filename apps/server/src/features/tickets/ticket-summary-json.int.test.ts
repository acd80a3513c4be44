import { ticketPageSchema } from '@porta/contracts/tickets';
import type { PortalSettings } from '@porta/contracts/portal-settings';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTechnician, makeTenant } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { openTicket } from '../../test/tickets.ts';
import { defaultPortalSettings } from '../portal-settings/portal-settings.model.ts';
import { hiddenSummaryProps } from './portal-tickets.policy.ts';
import { forPortal, presentSummary } from './tickets.presenter.ts';
import { findTicket, listTickets } from './tickets.repo.ts';

const t = useTestApp();

/** Every character JSON must escape, and some it must not, in the fields a summary carries as text. */
const AWKWARD = 'Quote " backslash \\ slash / newline \n tab \t return \r bell \u0007 unit \u001f del \u007f é ß 中文 🎫 </script> \u2028';

/** Settings hiding these default fields (T-6) and showing the rest. */
function hiding(fields: readonly string[]): PortalSettings {
  const settings = defaultPortalSettings();
  const fieldVisibility = { ...settings.fieldVisibility };
  for (const f of ['priority', 'type', 'impact', 'assignee', 'dueDate']) fieldVisibility[f] = fields.includes(f) ? 'hidden' : 'readonly';
  return { ...settings, fieldVisibility };
}

/**
 * Issue 16: the lists' items are JSON written by PostgreSQL (ticket-summary-json.ts). They must be
 * what the presenter writes for the same ticket, byte for byte, with and without hidden fields;
 * otherwise the list and the ticket page would disagree, or a hidden field could leak.
 */
describe('ticket lists: items written by PostgreSQL are the presenter\u2019s summary', () => {
  let tenantId: string;
  let customerId: string;
  let admin: Awaited<ReturnType<typeof mintSession>>;
  const ids: string[] = [];

  beforeAll(async () => {
    const fx = await makeTenant(t.ctx);
    tenantId = fx.tenant.id;
    customerId = (await makeCustomer(t.ctx, tenantId, { name: `Acme ${AWKWARD}` })).id;
    const requester = await makeContact(t.ctx, tenantId, customerId, { firstName: 'Zoë "Z"', lastName: 'O\u2019Brien \\ 🎫', isPrimary: true });
    const tech = await makeTechnician(t.ctx, tenantId);
    // Assigned, due, awkward subject; microseconds past the millisecond in every timestamp.
    const full = await openTicket(t.ctx, tenantId, requester.id, { subject: AWKWARD, priority: 'critical', type: 'question', impact: 'high', assigneeId: tech.id });
    await sql`update tickets set due_at = '2026-03-04 05:06:07.891999+00', created_at = '2026-01-02 03:04:05.000001+00', updated_at = '2026-02-03 04:05:06.123456+01' where id = ${full}`.execute(t.ctx.db);
    // Unassigned, no due date, in a status the tenant named itself.
    const plain = await openTicket(t.ctx, tenantId, requester.id, { subject: 'Plain' });
    await sql`insert into ticket_statuses (tenant_id, key, name, category, position) values (${tenantId}, 'waiting-parts', 'Waiting for parts', 'open', 40)`.execute(t.ctx.db);
    await sql`update tickets set status_id = (select id from ticket_statuses where tenant_id = ${tenantId} and key = 'waiting-parts') where id = ${plain}`.execute(t.ctx.db);
    ids.push(full, plain);
    admin = await mintSession(t.app, t.ctx, fx.host, tenantId, 'technician', fx.admin.id);
  });

  const rowOf = async (id: string) => {
    const row = await findTicket(t.ctx.db, tenantId, id);
    if (!row) throw new Error(`ticket ${id} not found`);
    return row;
  };

  it('the console form (nothing hidden): the same text as JSON.stringify(presentSummary(row))', async () => {
    const page = await listTickets(t.ctx.db, tenantId, { customerId, page: 1, pageSize: 25 });
    expect(page.items).toHaveLength(2);
    for (const text of page.items) {
      const { id } = JSON.parse(text) as { id: string };
      expect(text).toBe(JSON.stringify(presentSummary(await rowOf(id))));
    }
  });

  it.each([[[]], [['priority']], [['dueDate']], [['assignee', 'impact']], [['priority', 'type', 'impact', 'assignee', 'dueDate']]])(
    'a contact\u2019s form hiding %j: the same text as forPortal leaves, on the list and through search',
    async (hidden) => {
      const settings = hiding(hidden);
      const omit = hiddenSummaryProps(settings);
      expect(omit).toHaveLength(hidden.length);
      for (const q of [undefined, 'Plain']) {
        const page = await listTickets(t.ctx.db, tenantId, { customerId, q, omit, page: 1, pageSize: 25 });
        expect(page.items.length).toBeGreaterThan(0);
        for (const text of page.items) {
          const { id } = JSON.parse(text) as { id: string };
          expect(text).toBe(JSON.stringify(forPortal(presentSummary(await rowOf(id)), settings)));
          for (const prop of omit) expect(text).not.toContain(`"${prop}":`);
        }
      }
    },
  );

  it('timestamps are UTC with milliseconds, truncated as toISOString does; a missing due date is null', async () => {
    const page = await listTickets(t.ctx.db, tenantId, { customerId, page: 1, pageSize: 25, sort: 'oldest' });
    const [full, plain] = [ids[0], ids[1]].map((id) => page.items.map((s) => JSON.parse(s) as Record<string, unknown>).find((s) => s.id === id));
    expect(full).toMatchObject({ dueAt: '2026-03-04T05:06:07.891Z', createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-02-03T03:05:06.123Z' });
    expect(plain).toMatchObject({ dueAt: null, assignee: null, status: { key: 'waiting-parts', name: 'Waiting for parts', isDefault: false } });
  });

  it('the HTTP answer is the page schema, as JSON with the security headers every answer gets', async () => {
    const res = await admin.get(`/api/v1/tickets?customerId=${customerId}&page=1&pageSize=25`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = ticketPageSchema.strict().parse(res.json());
    expect(body).toMatchObject({ total: 2, totalExact: true, page: 1, pageSize: 25 });
    expect(body.items.map((i) => i.subject).sort()).toEqual([AWKWARD, 'Plain'].sort());
  });
});
