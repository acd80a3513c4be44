import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDatabase, kyselyFor, startIsolatedDatabase } from '../../test/database.ts';
import { sharedDatabase } from '../../test/harness.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';

// Runs on a database of its own: it drops every table on the way down.
let iso: RunningDatabase;
beforeAll(async () => {
  iso = await startIsolatedDatabase(sharedDatabase());
});
afterAll(async () => {
  await iso?.stop();
});

async function tables(db: ReturnType<typeof kyselyFor>): Promise<string[]> {
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'porta_migrations%' order by 1`.execute(db);
  return r.rows.map((row) => row.name);
}

describe('migrations (P-1): one set for both engines', () => {
  it('are applied, are a no-op when current, and every one rolls back and re-applies', async () => {
    const db = kyselyFor(iso.info.connection, 1);
    try {
      expect(await migrateToLatest(db)).toEqual([]);
      const before = await tables(db);
      expect(before).toEqual(expect.arrayContaining(['tenants', 'technicians', 'customers', 'contacts', 'sessions', 'api_keys']));
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'porta_migrations', migrationLockTableName: 'porta_migrations_lock' });
      for (let i = 0; i < Object.keys(migrations).length; i++) {
        const { error } = await migrator.migrateDown();
        expect(error).toBeUndefined();
      }
      expect(await tables(db)).toEqual([]);
      expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
      expect(await tables(db)).toEqual(before);
    } finally {
      await db.destroy();
    }
  });

  it('0005 numbers each existing tenant\'s tickets on from its counter, and every new tenant from #1001 (T-1)', async () => {
    const db = kyselyFor(iso.info.connection, 1);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'porta_migrations', migrationLockTableName: 'porta_migrations_lock' });
    const next = async (tenantId: string) =>
      Number((await sql<{ n: string }>`select nextval(ticket_number_sequence(${tenantId}::uuid)::regclass) as n`.execute(db)).rows[0]?.n);
    try {
      await migrateToLatest(db);
      expect((await migrator.migrateTo('0002_tickets')).error).toBeUndefined();
      const old = await db.insertInto('tenants').values({ slug: 'counted', name: 'Counted' }).returning('id').executeTakeFirstOrThrow();
      await sql`insert into tenant_counters (tenant_id, name, value) values (${old.id}, 'ticket', 1041)`.execute(db);
      const unnumbered = await db.insertInto('tenants').values({ slug: 'unnumbered', name: 'Unnumbered' }).returning('id').executeTakeFirstOrThrow();
      await migrateToLatest(db);
      expect(await next(old.id)).toBe(1042);
      expect(await next(unnumbered.id)).toBe(1001);
      const fresh = await db.insertInto('tenants').values({ slug: 'fresh', name: 'Fresh' }).returning('id').executeTakeFirstOrThrow();
      expect([await next(fresh.id), await next(fresh.id)]).toEqual([1001, 1002]);
      await db.deleteFrom('tenants').where('id', '=', fresh.id).execute();
      const left = await sql<{ n: number }>`select count(*)::int as n from pg_class where relkind = 'S' and relname = ${`ticket_numbers_${fresh.id.replace(/-/g, '')}`}`.execute(db);
      expect(left.rows[0]?.n).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
