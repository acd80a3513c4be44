import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDatabase, useTestApp } from '../../test/harness.ts';
import { listTickets } from '../../features/tickets/tickets.repo.ts';
import { withNamedStatements } from './named-statements.ts';
import type { Database } from './schema.ts';

// One connection, so every query below runs in the session whose prepared statements we read.
let pool: pg.Pool;
let db: Kysely<Database>;
beforeAll(() => {
  if (sharedDatabase().engine !== 'postgres') return;
  pool = new pg.Pool({ ...sharedDatabase().connection, max: 1 });
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool, 2) }) });
});
afterAll(async () => {
  await db?.destroy();
});

/** The texts prepared in the session, named by the wrapper. */
async function prepared(): Promise<string[]> {
  const r = await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'porta_%' order by prepare_time`.execute(db);
  return r.rows.map((row) => row.statement);
}

// PostgreSQL only: the app never names statements on PGlite (database.ts), whose socket
// connections all share one backend session.
if (sharedDatabase().engine === 'postgres') describe('named statements (platform/db/named-statements.ts)', () => {
  it('prepares a parameterised query once per connection and reuses it; its answers are right every time', async () => {
    for (const n of [1, 2, 3]) {
      const r = await sql<{ v: number }>`select ${n}::int * 2 as v`.execute(db);
      expect(r.rows[0]?.v).toBe(n * 2);
    }
    expect(await prepared()).toEqual(['select $1::int * 2 as v']);
  });

  it('runs texts past the limit unnamed, and parameterless texts (several statements, BEGIN) on the simple protocol', async () => {
    const second = await sql<{ v: string }>`select ${'the second text'}::text as v`.execute(db);
    expect(second.rows[0]?.v).toBe('the second text');
    const third = await sql<{ v: string }>`select ${'past the limit'}::text || '' as v`.execute(db);
    expect(third.rows[0]?.v).toBe('past the limit');
    expect(await prepared()).toEqual(['select $1::int * 2 as v', 'select $1::text as v']);
    await sql`create temporary table named_probe (x int); insert into named_probe values (7)`.execute(db);
    await db.transaction().execute(async (trx) => {
      await sql`insert into named_probe values (8)`.execute(trx);
    });
    const rows = await sql<{ x: number }>`select x from named_probe order by x`.execute(db);
    expect(rows.rows.map((row) => row.x)).toEqual([7, 8]);
  });

  it('the ticket list page keeps a generic plan: LIMIT/OFFSET are literals, so it is not planned per request (paging.ts)', async () => {
    const listing = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
    const tenantId = randomUUID();
    for (let i = 0; i < 8; i++) await listTickets(listing, tenantId, { customerId: randomUUID(), statusKeys: ['open'], page: 1, pageSize: 25 });
    const plans = await sql<{ statement: string; generic_plans: number }>`
      select statement, generic_plans::int from pg_prepared_statements where statement like '%order by "t"."created_at" desc%limit 25 offset 0'`.execute(listing);
    expect(plans.rows).toHaveLength(1);
    expect(plans.rows[0]?.generic_plans).toBeGreaterThan(0);
  });
});

describe('the app\'s database as the test app opens it (platform/db/database.ts kyselyOver)', () => {
  const t = useTestApp();
  it('answers the same parameterised query on every pool connection at once (PGlite shares one session: no name clash)', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => sql<{ v: number }>`select ${i}::int + 1 as v`.execute(t.ctx.db)));
    expect(answers.map((r) => r.rows[0]?.v)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
