import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { SignedCommand, CommandPayload } from '@porta/agent-protocol';
import type { Keys } from '../../platform/crypto/keys.ts';
import type { Database } from '../../platform/db/schema.ts';

const SETTING = 'command_signing_key';

function spawnSigner(workerData: object): Worker {
  // As the PGlite worker: bundled builds ship `signer-worker.js` beside the entry; from sources
  // the worker registers tsx itself (Node 20 ignores `--import` in a worker's execArgv).
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./signer-worker.js', import.meta.url), { workerData });
  const entry = JSON.stringify(new URL('./signer-worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${entry}); });`, { eval: true, workerData });
}

interface Reply {
  id: number;
  ok: boolean;
  error?: string;
  sealed?: string;
  publicKey?: string;
  signed?: SignedCommand;
}

/**
 * SS-8: the main thread's handle on the signing worker. It never sees the private key: it
 * hands the worker payloads and gets signed commands back. The key is made on first start
 * (sealed with the app's secret key, kept in `instance_settings` so every node shares it).
 */
export class CommandSigner {
  private next = 1;
  private waiting = new Map<number, (r: Reply) => void>();
  private constructor(
    private readonly worker: Worker,
    readonly publicKey: string,
  ) {}

  static async start(db: Kysely<Database>, keys: Keys): Promise<CommandSigner> {
    const worker = spawnSigner({ encryption: new Uint8Array(keys.encryption) });
    const pending = new Map<number, (r: Reply) => void>();
    worker.on('message', (r: Reply) => {
      pending.get(r.id)?.(r);
      pending.delete(r.id);
    });
    let id = 0;
    const ask = (msg: Record<string, unknown>) =>
      new Promise<Reply>((resolve, reject) => {
        id += 1;
        pending.set(id, (r) => (r.ok ? resolve(r) : reject(new Error(r.error))));
        worker.postMessage({ id, ...msg });
      });
    try {
      let stored = await db.selectFrom('instance_settings').select('value').where('key', '=', SETTING).executeTakeFirst();
      if (!stored) {
        const made = await ask({ kind: 'generate' });
        await db.insertInto('instance_settings').values({ key: SETTING, value: made.sealed ?? '' }).onConflict((oc) => oc.column('key').doNothing()).execute();
        stored = await db.selectFrom('instance_settings').select('value').where('key', '=', SETTING).executeTakeFirstOrThrow();
      }
      const loaded = await ask({ kind: 'load', sealed: stored.value });
      const signer = new CommandSigner(worker, loaded.publicKey ?? '');
      signer.next = id + 1;
      worker.removeAllListeners('message');
      worker.on('message', (r: Reply) => {
        signer.waiting.get(r.id)?.(r);
        signer.waiting.delete(r.id);
      });
      worker.unref();
      return signer;
    } catch (err) {
      await worker.terminate();
      throw err;
    }
  }

  sign(payload: CommandPayload): Promise<SignedCommand> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (r) => (r.ok && r.signed ? resolve(r.signed) : reject(new Error(r.error ?? 'signing failed'))));
      this.worker.postMessage({ id, kind: 'sign', payload });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
