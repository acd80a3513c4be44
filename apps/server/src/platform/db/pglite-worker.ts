/**
 * Runs PGlite in a worker thread and serves it over the Postgres wire protocol on a
 * private unix socket, so the app talks `pg` to it exactly as it talks to PostgreSQL.
 * Keeping PGlite off the main thread stops long queries from blocking HTTP handling.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { ProtocolCycleQueue } from './protocol-cycle-queue.ts';

interface WorkerInput {
  dataDir: string;
  /** Unix socket path, `<dir>/.s.PGSQL.5432`, so `pg` reaches it with host = dir. */
  socketPath: string;
  maxConnections: number;
  /** PostgreSQL's shared_buffers in MiB (embedded.ts). */
  sharedBuffersMb: number;
}

const input = workerData as WorkerInput;

async function run(): Promise<void> {
  // The contrib extensions migrations use (trigram search, accent-free KB search); each one adds to start-up.
  const db = await PGlite.create(input.dataDir, {
    extensions: { pg_trgm, unaccent },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${input.sharedBuffersMb}MB`],
  });
  const server = new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: input.maxConnections });
  // One connection's query cycle at a time (see protocol-cycle-queue.ts): the library's own
  // queue lets cycles of different connections interleave.
  (server as unknown as { queryQueue: ProtocolCycleQueue }).queryQueue = new ProtocolCycleQueue(db);
  await server.start();
  parentPort?.postMessage({ type: 'ready' });
  parentPort?.on('message', (msg: { type: string }) => {
    if (msg.type !== 'stop') return;
    void (async () => {
      await server.stop();
      await db.close();
      parentPort?.postMessage({ type: 'stopped' });
    })();
  });
}

run().catch((err: unknown) => {
  parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
});
