import { describe, expect, it, vi } from 'vitest';
import { sharedDatabase } from '../../test/harness.ts';
import { openAppPool, POOL_IDLE_TIMEOUT_MS } from './pool.ts';

// Issue 16: with pg's default (10 s), every burst after a short lull began on new connections,
// cold backends that prepared every statement again.
describe('the app pool keeps its connections through a lull (database.ts, POOL_IDLE_TIMEOUT_MS)', () => {
  it('a connection idle for a minute is still there; one idle past the limit is closed', async () => {
    const pool = openAppPool(sharedDatabase().connection, 2);
    try {
      const client = await pool.connect();
      await client.query('select 1');
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      client.release();
      vi.advanceTimersByTime(60_000);
      expect(pool.totalCount).toBe(1);
      expect(pool.idleCount).toBe(1);
      vi.advanceTimersByTime(POOL_IDLE_TIMEOUT_MS);
      expect(pool.totalCount).toBe(0);
    } finally {
      vi.useRealTimers();
      await pool.end();
    }
  });
});
