import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockDataDir } from './data-dir-lock.ts';

export interface EmbeddedDatabase {
  /** Directory holding the unix socket; use it as `pg`'s host (port 5432). */
  socketDir: string;
  stop(): Promise<void>;
}

function spawnWorker(workerData: object): Worker {
  // Bundled builds ship `pglite-worker.js` beside the entry. From sources (tests, CLI)
  // the worker registers tsx itself: Node 20 ignores `--import` in a worker's execArgv.
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData });
  }
  const entry = JSON.stringify(new URL('./pglite-worker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * PostgreSQL's page cache inside PGlite's WebAssembly memory (issue 16 item 4). PGlite keeps
 * PostgreSQL's default of 128 MiB, which the WebAssembly heap holds for good once touched; the
 * operating system caches the data files below it anyway, so 32 MiB cost no measurable query
 * time on the bench's 100,000 tickets and ~100 MiB less resident memory
 * (PORTA_PGLITE_SHARED_BUFFERS_MB, docs/OPERATIONS.md).
 */
export const EMBEDDED_SHARED_BUFFERS_MB = 32;

/**
 * Starts PGlite on `dataDir` in a worker thread (after taking the data-dir lock) and
 * resolves once its Postgres endpoint accepts connections.
 */
export async function startEmbeddedDatabase(dataDir: string, maxConnections = 8, sharedBuffersMb = EMBEDDED_SHARED_BUFFERS_MB): Promise<EmbeddedDatabase> {
  const release = await lockDataDir(dataDir);
  const pgDir = path.join(dataDir, 'pg');
  fs.mkdirSync(pgDir, { recursive: true });
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-pg-'));
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  const worker = spawnWorker({ dataDir: pgDir, socketPath, maxConnections, sharedBuffersMb });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`PGlite worker exited with code ${code}`)));
      worker.on('message', (msg: { type: string; message?: string }) => {
        if (msg.type === 'ready') resolve();
        if (msg.type === 'error') reject(new Error(`PGlite failed to start: ${msg.message}`));
      });
    });
  } catch (err) {
    await worker.terminate();
    release();
    throw err;
  }
  worker.removeAllListeners('exit');
  let stopped = false;
  return {
    socketDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        worker.on('message', (msg: { type: string }) => {
          if (msg.type === 'stopped') {
            clearTimeout(timer);
            resolve();
          }
        });
        worker.postMessage({ type: 'stop' });
      });
      await worker.terminate();
      fs.rmSync(socketDir, { recursive: true, force: true });
      release();
    },
  };
}
