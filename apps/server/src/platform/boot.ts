import type { Config } from '../config.ts';
import type { AppContext } from './context.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadKeys } from './secrets.ts';
import { createBus } from './events/bus.ts';

export interface Booted {
  ctx: AppContext;
  handle: DatabaseHandle;
  keyGenerated: boolean;
}

/** Database up, schema current, keys loaded: what the server, the CLI and the demo share. */
export async function boot(config: Config): Promise<Booted> {
  return bootWith(config, await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize, pgliteSharedBuffersMb: config.pgliteSharedBuffersMb, namedStatements: config.dbNamedStatements }));
}

/** The same, on a database the caller already opened (main.ts opens it while modules load). */
export async function bootWith(config: Config, handle: DatabaseHandle): Promise<Booted> {
  try {
    await migrateToLatest(handle.db);
    const { keys, generated } = await loadKeys(handle.db, config.secretKey);
    const bus = await createBus(handle.engine, handle.pool, handle.connection);
    const close = handle.close;
    handle.close = async () => {
      await bus.close();
      await close();
    };
    return { ctx: { db: handle.db, engine: handle.engine, keys, config, bus }, handle, keyGenerated: generated };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
