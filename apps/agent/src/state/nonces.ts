import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic.ts';

const NONCE_FILE = 'nonces.json';
/** Entries are kept this long past their command's expiry (covers clock adjustments). */
export const NONCE_GRACE_MS = 5 * 60 * 1000;

const entrySchema = z.object({
  nonce: z.string(),
  commandId: z.string(),
  expiresAt: z.string(),
  outcome: z.enum(['running', 'succeeded', 'failed', 'refused']),
});
type NonceEntry = z.infer<typeof entrySchema>;
const fileSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });

/**
 * The nonces of commands this agent accepted, each kept until its command expired (plus a
 * grace), persisted atomically before the command runs: a replay is refused even after a
 * restart, and a crash mid-run cannot lead to a second run.
 */
export class NonceStore {
  private readonly entries = new Map<string, NonceEntry>();

  private constructor(private readonly file: string) {}

  static async open(dir: string, now: number = Date.now()): Promise<NonceStore> {
    const store = new NonceStore(path.join(dir, NONCE_FILE));
    let text: string | null = null;
    try {
      text = await readFile(store.file, 'utf8');
    } catch {
      text = null;
    }
    if (text !== null) {
      // A damaged store must not silently forget nonces: refuse to start instead.
      const parsed = fileSchema.parse(JSON.parse(text));
      for (const e of parsed.entries) store.entries.set(e.nonce, e);
    }
    store.prune(now);
    return store;
  }

  get(nonce: string): NonceEntry | undefined {
    return this.entries.get(nonce);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Records a nonce as used (outcome 'running') and persists before returning. */
  async claim(nonce: string, commandId: string, expiresAt: string, now: number = Date.now()): Promise<void> {
    this.prune(now);
    this.entries.set(nonce, { nonce, commandId, expiresAt, outcome: 'running' });
    await this.persist();
  }

  async settle(nonce: string, outcome: NonceEntry['outcome']): Promise<void> {
    const entry = this.entries.get(nonce);
    if (!entry) return;
    entry.outcome = outcome;
    await this.persist();
  }

  private prune(now: number): void {
    for (const [nonce, e] of this.entries) {
      if (Date.parse(e.expiresAt) + NONCE_GRACE_MS < now) this.entries.delete(nonce);
    }
  }

  private async persist(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify({ version: 1, entries: [...this.entries.values()] }));
  }
}
