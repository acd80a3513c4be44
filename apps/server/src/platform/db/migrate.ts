import { type Kysely, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

const migratorOf = (db: Kysely<Database>) =>
  new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'porta_migrations',
    migrationLockTableName: 'porta_migrations_lock',
  });

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = migratorOf(db);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Migration failed${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * What `/readyz` checks: every migration this code knows has run, and the database holds none
 * this code does not know (a newer release migrated it: this node is out of date).
 */
export async function migrationsCurrent(db: Kysely<Database>): Promise<{ current: boolean; pending: string[]; unknown: string[] }> {
  const known = await migratorOf(db).getMigrations();
  const pending = known.filter((m) => m.executedAt === undefined).map((m) => m.name);
  const executed = await sql<{ name: string }>`select name from porta_migrations`.execute(db);
  const unknown = executed.rows.map((r) => r.name).filter((name) => !(name in migrations));
  return { current: pending.length === 0 && unknown.length === 0, pending, unknown };
}
