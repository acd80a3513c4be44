import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp, type BuildAppOptions } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../platform/context.ts';
import { deriveKeys } from '../platform/crypto/keys.ts';
import { createBus } from '../platform/events/bus.ts';
import { kyselyOver } from '../platform/db/database.ts';
import { openAppPool, openPool } from '../platform/db/pool.ts';
import type { TenantResolver } from '../platform/tenancy/tenant-resolver.ts';
import type { TestDatabase } from './provided.ts';

export const TEST_SECRET = 'test-secret-for-porta-integration-tests-only';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  tenants: TenantResolver;
}

export interface TestAppOptions {
  /** Extra environment for `loadConfig` (e.g. PORTA_TRUST_PROXY, PORTA_SETUP_TOKEN). */
  env?: Record<string, string>;
  /** Another database than the run's shared one (see startIsolatedDatabase). */
  database?: TestDatabase;
  /** Passed to buildApp (e.g. onRoute, to list every registered route). */
  build?: Omit<BuildAppOptions, 'logger'>;
  /** Test-only routes added to the real app before it is ready (outside /api/v1). */
  routes?: (app: FastifyInstance) => void;
}

export function sharedDatabase(): TestDatabase {
  return inject('testDatabase');
}

/** The real application on the test database, without listening: drive it with `app.inject()`. */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp & { close(): Promise<void> }> {
  const database = opts.database ?? sharedDatabase();
  // Files the app writes (attachments) go to a directory of its own, removed on close.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-test-data-'));
  const config = loadConfig({
    PORTA_DATA_DIR: dataDir,
    PORTA_BASE_DOMAIN: 'localhost',
    LOG_LEVEL: 'silent',
    // Hermetic: never serve whatever web build happens to lie around.
    PORTA_WEB_DIST: path.join(os.tmpdir(), 'porta-test-no-web-dist'),
    // The stand-ins tenants point at (a Twilio-shaped server, webhook receivers) listen on loopback.
    PORTA_OUTBOUND_ALLOW_PRIVATE: 'true',
    // Suites send hundreds of searches as one person (fuzzing, ranking); the limits have their own test (rate-limits.int.test.ts).
    PORTA_RATE_LIMIT_FACTOR: '1000',
    ...opts.env,
  });
  // As the app opens its database (platform/db/database.ts): named statements on PostgreSQL.
  const pool = openAppPool(database.connection, database.engine === 'pglite' ? 2 : 4);
  const db = kyselyOver(pool, database.engine);
  const busPool = openPool({ ...database.connection, max: 1 });
  const bus = await createBus(database.engine, busPool, database.connection);
  const ctx: AppContext = { db, engine: database.engine, keys: deriveKeys(TEST_SECRET), config, bus };
  const { app, tenants } = await buildApp(ctx, { pool, ...opts.build, logger: false });
  opts.routes?.(app);
  await app.ready();
  return {
    app,
    ctx,
    tenants,
    async close() {
      await app.close();
      await bus.close();
      await busPool.end();
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds the app once for the test file (beforeAll) and closes it after the last test. */
export function useTestApp(opts: TestAppOptions = {}): TestApp {
  let built: (TestApp & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    built = await createTestApp(opts);
  });
  afterAll(async () => {
    await built?.close();
  });
  const need = () => {
    if (!built) throw new Error('useTestApp(): the app is built in beforeAll; use it inside tests and hooks');
    return built;
  };
  return {
    get app() {
      return need().app;
    },
    get ctx() {
      return need().ctx;
    },
    get tenants() {
      return need().tenants;
    },
  };
}
