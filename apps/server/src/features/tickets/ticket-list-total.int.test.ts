import type { TicketSummary } from '@porta/contracts/tickets';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { TOTAL_COUNTED_PAST_PAGE } from './tickets.repo.ts';

const t = useTestApp();

interface Page {
  items: TicketSummary[];
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
}

/** More open tickets than a capped total counts, numbered 1..n (newest has the highest number). */
const OPEN = TOTAL_COUNTED_PAST_PAGE + 30;

/** `n` tickets of one requester in one status, written in one statement (the API would take minutes for a thousand). */
async function seedTickets(tenantId: string, customerId: string, requesterId: string, statusKey: string, n: number, from: number): Promise<void> {
  await sql`
    insert into tickets (tenant_id, number, customer_id, requester_id, status_id, subject, priority, type, impact, created_at)
    select ${tenantId}, ${from} + i, ${customerId}, ${requesterId}, s.id, 'Seeded ' || i, 'medium', 'incident', 'low',
           now() - interval '1 day' + (i * interval '1 second')
    from generate_series(1, ${n}::int) i
    join ticket_statuses s on s.tenant_id = ${tenantId} and s.key = ${statusKey}`.execute(t.ctx.db);
}

/** Issue 16: the console queue and the portal list count at most 1,000 matches past the page's first row. */
describe('list totals: exact up to 1,000 past the page, a lower bound beyond', () => {
  let tenantId: string;
  let admin: Awaited<ReturnType<typeof mintSession>>;
  let primary: Awaited<ReturnType<typeof mintSession>>;

  beforeAll(async () => {
    const fx = await makeTenant(t.ctx);
    tenantId = fx.tenant.id;
    const customer = await makeCustomer(t.ctx, tenantId);
    const contact = await makeContact(t.ctx, tenantId, customer.id, { isPrimary: true });
    await seedTickets(tenantId, customer.id, contact.id, 'open', OPEN, 0);
    await seedTickets(tenantId, customer.id, contact.id, 'closed', 40, OPEN);
    admin = await mintSession(t.app, t.ctx, fx.host, tenantId, 'technician', fx.admin.id);
    primary = await mintSession(t.app, t.ctx, fx.host, tenantId, 'contact', contact.id);
  }, 60_000);

  const get = async (client: typeof admin, url: string) => {
    const res = await client.get(url);
    expectStatus(res, 200);
    return res.json<Page>();
  };

  it('the console queue: page 1 says "more than 1,000"; the page that reaches the end counts it exactly', async () => {
    const first = await get(admin, '/api/v1/tickets?status=open&page=1&pageSize=25&sort=newest');
    expect(first).toMatchObject({ total: TOTAL_COUNTED_PAST_PAGE, totalExact: false, page: 1, pageSize: 25 });
    expect(first.items.map((i) => i.number)).toEqual(Array.from({ length: 25 }, (_, i) => OPEN - i));

    // Page 2 starts 25 further: its cap is 1,025 and still short of 1,030.
    expect(await get(admin, '/api/v1/tickets?status=open&page=2&pageSize=25')).toMatchObject({ total: 25 + TOTAL_COUNTED_PAST_PAGE, totalExact: false });
    // From page 3 (offset 50) the cap passes the last match: exact.
    expect(await get(admin, '/api/v1/tickets?status=open&page=3&pageSize=25')).toMatchObject({ total: OPEN, totalExact: true });
    // The last page, and past the end (no row carries the total: counted alone, capped the same way).
    const last = await get(admin, `/api/v1/tickets?status=open&page=${Math.ceil(OPEN / 100)}&pageSize=100`);
    expect(last).toMatchObject({ total: OPEN, totalExact: true });
    expect(last.items).toHaveLength(OPEN % 100);
    expect(await get(admin, '/api/v1/tickets?status=open&page=50&pageSize=100')).toMatchObject({ items: [], total: OPEN, totalExact: true });
  });

  it('a filter with fewer matches than the cap is exact; so is a search (it counts first to pick its plan)', async () => {
    expect(await get(admin, '/api/v1/tickets?status=closed')).toMatchObject({ total: 40, totalExact: true });
    const all = await get(admin, '/api/v1/tickets?page=1&pageSize=10');
    expect(all).toMatchObject({ total: TOTAL_COUNTED_PAST_PAGE, totalExact: false });
    expect(await get(admin, '/api/v1/tickets?q=Seeded&pageSize=10')).toMatchObject({ total: OPEN + 40, totalExact: true });
  });

  it('the portal list of a primary contact is capped the same way; the portal home still counts exactly', async () => {
    expect(await get(primary, '/api/v1/portal/tickets?scope=company&status=open&page=1&pageSize=25')).toMatchObject({ total: TOTAL_COUNTED_PAST_PAGE, totalExact: false });
    expect(await get(primary, '/api/v1/portal/tickets?scope=company&status=open&page=3&pageSize=25')).toMatchObject({ total: OPEN, totalExact: true });
    const home = await primary.get('/api/v1/portal/home');
    expectStatus(home, 200);
    expect(home.json<{ tickets: { openCount: number } }>().tickets.openCount).toBe(OPEN);
  });
});
