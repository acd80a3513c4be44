/**
 * Entry point. It starts the database first (PGlite boots in its worker thread) and loads
 * the rest of the server meanwhile, so start-up costs the longer of the two, not their sum.
 */
import { loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { applyHeapGrowth } from './platform/runtime/heap-growth.ts';

function fail(err: unknown): never {
  process.stderr.write(`\nPorta could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

try {
  const config = loadConfig();
  applyHeapGrowth(config.heapGrowthPercent);
  const opening = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize, pgliteSharedBuffersMb: config.pgliteSharedBuffersMb, namedStatements: config.dbNamedStatements });
  const [{ serve }, handle] = await Promise.all([import('./serve.ts'), opening]);
  await serve(config, handle);
} catch (err) {
  fail(err);
}
