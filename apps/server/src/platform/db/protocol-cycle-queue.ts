import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q': a simple query is a whole cycle
const TERMINATE = 0x58; // 'X'

/**
 * The order in which PGlite runs the wire-protocol messages of many socket connections.
 *
 * pglite-socket 0.2.17 runs each message as it arrives, so the Parse / Bind / Execute / Sync of
 * one connection's extended-protocol query can interleave with another connection's: a Bind then
 * meets the other's unnamed statement — an error ("bind message supplies 2 parameters, but
 * prepared statement requires 1"), or the other query's rows delivered to the wrong request.
 * This queue gives one connection the lead from its first message until its Sync (or simple
 * Query), and for as long as it holds a transaction; the others' messages wait their turn.
 * Same interface as the library's own queue, which it replaces (pglite-worker.ts).
 */
export class ProtocolCycleQueue {
  private queue: Pending[] = [];
  private processing = false;
  /** The connection whose cycle or transaction is open. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((p) => {
      if (p.handlerId !== handlerId) return true;
      p.reject(new Error('Handler disconnected'));
      return false;
    });
    if (this.owner === handlerId && !this.db.isInTransaction()) this.owner = null;
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.process();
  }

  private next(): Pending | undefined {
    if (this.owner === null) return this.queue.shift();
    const i = this.queue.findIndex((p) => p.handlerId === this.owner);
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (err) {
          this.owner = this.db.isInTransaction() ? current.handlerId : null;
          current.reject(err);
          continue;
        }
        const type = current.message[0];
        // A startup message starts with its length (first byte 0): it opens no cycle.
        const endsCycle = type === SYNC || type === QUERY || type === TERMINATE || type === 0;
        this.owner = endsCycle && !this.db.isInTransaction() ? null : current.handlerId;
        current.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}
