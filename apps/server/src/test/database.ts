import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
// Its driver set-up (bigint → number, timestamps) comes with it, so tests see the values production sees.
import { openPool } from '../platform/db/pool.ts';
import { LOCK_SOCKET_NAME } from '../platform/db/data-dir-lock.ts';
import { startEmbeddedDatabase } from '../platform/db/embedded.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { migrations } from '../platform/db/migrations/index.ts';
import type { Database } from '../platform/db/schema.ts';
import type { TestDatabase } from './provided.ts';

const serverRoot = fileURLToPath(new URL('../../', import.meta.url));
const repoRoot = path.resolve(serverRoot, '../..');
const migrationsDir = fileURLToPath(new URL('../platform/db/migrations/', import.meta.url));

/** Sockets PGlite accepts: every test file holds a small pool of its own. */
const PGLITE_MAX_CONNECTIONS = 64;

export interface RunningDatabase {
  info: TestDatabase;
  stop(): Promise<void>;
}

export function kyselyFor(connection: TestDatabase['connection'], max: number): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: openPool({ ...connection, max }) }) });
}

async function migrate(connection: TestDatabase['connection']): Promise<void> {
  const db = kyselyFor(connection, 1);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

/** Changes when a migration or the PGlite version changes, so a stale template is never reused. */
function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(Object.keys(migrations).join('\n'));
  for (const file of fs.readdirSync(migrationsDir).sort()) hash.update(fs.readFileSync(path.join(migrationsDir, file)));
  const pglitePkg = path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json');
  if (fs.existsSync(pglitePkg)) hash.update(String((JSON.parse(fs.readFileSync(pglitePkg, 'utf8')) as { version?: string }).version));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated PGlite data dir, built once and kept under node_modules/.cache: a new data dir
 * costs seconds, a copy of this one a fraction of that.
 */
export async function ensurePgliteTemplate(): Promise<string> {
  const cacheRoot = path.join(repoRoot, 'node_modules/.cache/porta');
  const dir = path.join(cacheRoot, `pglite-template-${templateKey()}`);
  if (fs.existsSync(path.join(dir, 'pg', 'PG_VERSION'))) return dir;
  fs.mkdirSync(cacheRoot, { recursive: true });
  const building = fs.mkdtempSync(path.join(cacheRoot, 'building-'));
  const embedded = await startEmbeddedDatabase(building);
  try {
    await migrate({ host: embedded.socketDir, port: 5432, user: 'postgres', database: 'postgres' });
  } finally {
    await embedded.stop();
  }
  try {
    fs.renameSync(building, dir);
  } catch {
    // Another run built it meanwhile: keep theirs.
    fs.rmSync(building, { recursive: true, force: true });
  }
  // Templates of older migration sets are never used again.
  for (const name of fs.readdirSync(cacheRoot)) {
    if (name.startsWith('pglite-template-') && path.join(cacheRoot, name) !== dir) fs.rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
  }
  return dir;
}

/** A private copy of the template, served by PGlite in a worker thread of this process. */
export async function startPgliteCopy(templateDir: string): Promise<RunningDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-test-db-'));
  fs.cpSync(templateDir, dataDir, { recursive: true, filter: (src) => !['porta.lock', LOCK_SOCKET_NAME].includes(path.basename(src)) });
  const embedded = await startEmbeddedDatabase(dataDir, PGLITE_MAX_CONNECTIONS);
  return {
    info: { engine: 'pglite', connection: { host: embedded.socketDir, port: 5432, user: 'postgres', database: 'postgres' }, templateDir },
    async stop() {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function databaseOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`TEST_DATABASE_URL must name a database of letters, digits and _ (got "${name}")`);
  return name;
}

/** Connects to the server's `postgres` database and creates `name` unless it exists. */
async function createDatabaseIfMissing(url: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return;
    await admin.query(`create database "${name}"`).catch((err: unknown) => {
      // Two runs racing: the other one created it.
      if ((err as { code?: string }).code !== '42P04') throw err;
    });
  } finally {
    await admin.end();
  }
}

/** TEST_DATABASE_URL: the database is created when missing, then migrated. */
export async function preparePostgres(url: string): Promise<RunningDatabase> {
  await createDatabaseIfMissing(url, databaseOf(url));
  const connection = { connectionString: url };
  await migrate(connection);
  return { info: { engine: 'postgres', connection, templateDir: null }, stop: async () => undefined };
}

/**
 * A database of its own, migrated and empty, for the few tests that need no tenant to exist
 * (first-run setup, the default tenant). PGlite: a copy of the template; PostgreSQL:
 * a new database on the same server, dropped by `stop`.
 */
export async function startIsolatedDatabase(shared: TestDatabase): Promise<RunningDatabase> {
  if (shared.engine === 'pglite') {
    if (!shared.templateDir) throw new Error('The PGlite template dir was not provided');
    return startPgliteCopy(shared.templateDir);
  }
  if (!('connectionString' in shared.connection)) throw new Error('PostgreSQL tests need a connection URL');
  const base = shared.connection.connectionString;
  const name = `${databaseOf(base)}_iso_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(base, name);
  await createDatabaseIfMissing(base, name);
  await migrate({ connectionString: url });
  return {
    info: { engine: 'postgres', connection: { connectionString: url }, templateDir: null },
    async stop() {
      const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
      await admin.connect();
      try {
        await admin.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
