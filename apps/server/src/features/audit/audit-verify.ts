import type { Db } from '../../platform/db/db.ts';
import { chainBatch } from './audit.repo.ts';
import { GENESIS_HASH, rowHash } from './audit-hash.ts';

export type ChainReport = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: 'seq-gap' | 'prev-hash' | 'hash' };

/** SS-7: walks a tenant's chain in order and names the first row that does not follow from the one before. */
export async function verifyChain(db: Db, tenantId: string, batch = 1000): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  for (;;) {
    const chunk = await chainBatch(db, tenantId, expectedSeq - 1, batch);
    for (const row of chunk) {
      if (row.seq !== expectedSeq) return { ok: false, rows, brokenAt: expectedSeq, reason: 'seq-gap' };
      if (row.prevHash !== prevHash) return { ok: false, rows, brokenAt: row.seq, reason: 'prev-hash' };
      const hash = rowHash({ tenantId, seq: row.seq, at: row.at, actor: row.actor, event: row.event, subject: row.subject, data: row.data, prevHash: row.prevHash });
      if (hash !== row.hash) return { ok: false, rows, brokenAt: row.seq, reason: 'hash' };
      prevHash = row.hash;
      expectedSeq += 1;
      rows += 1;
    }
    if (chunk.length < batch) return { ok: true, rows };
  }
}
