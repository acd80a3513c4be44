import type { Config } from '../../config.ts';
import type { AppContext } from '../../platform/context.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { LocalBus } from '../../platform/events/bus.ts';
import { closeTransports } from '../../platform/mail/smtp-target.ts';
import { loadKeys } from '../../platform/secrets.ts';
import { OutboxWorker } from './outbox-worker.ts';
import type { WorkerLog } from './worker-log.ts';

const line = (level: string) => (obj: object, msg: string) => process.stderr.write(`${JSON.stringify({ level, msg, ...obj })}\n`);
const stderrLog: WorkerLog = { debug: () => undefined, info: line('info'), warn: line('warn'), error: line('error') };

/**
 * `porta mail-worker`: the outbox worker alone, as its own process (more delivery capacity
 * beside the app nodes on PostgreSQL; the crash test runs it this way). Stops on SIGTERM/SIGINT.
 */
export async function runMailWorker(config: Config): Promise<void> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4, pgliteSharedBuffersMb: config.pgliteSharedBuffersMb, namedStatements: config.dbNamedStatements });
  const { keys } = await loadKeys(handle.db, config.secretKey);
  const ctx: AppContext = { db: handle.db, engine: handle.engine, keys, config, bus: new LocalBus() };
  const worker = new OutboxWorker(ctx, stderrLog);
  worker.start();
  process.stdout.write('porta-mail-worker ready\n');
  // The worker's timers are unref'd (they never hold a server open): this one keeps the process up.
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  clearInterval(keepAlive);
  await worker.stop();
  closeTransports();
  await handle.close();
}
