import type { Engine } from '../platform/db/database.ts';

/** How tests reach the database the global setup prepared (plain data: it crosses processes). */
export interface TestDatabase {
  engine: Engine;
  /** `pg` connection settings: a unix-socket dir for PGlite, a URL for PostgreSQL. */
  connection: { host: string; port: number; user: string; database: string } | { connectionString: string };
  /** PGlite only: the migrated template data dir, copied for tests that need an empty database. */
  templateDir: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabase;
  }
}
