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
});
