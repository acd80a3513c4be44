import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sharedDatabase } from '../../test/harness.ts';
import { openPool } from './pool.ts';

/** What pg does when the server ends a connection the pool holds idle (restart, failover, a forced drop). */
const terminated = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('a pool that loses an idle connection', () => {
  it('keeps the process up and answers the next query on a new connection', async () => {
    const pool = openPool({ ...sharedDatabase().connection, max: 1 });
    try {
      const client = await pool.connect();
      client.release();
      // pg-pool forwards an idle client's error to the pool; with no listener that is an uncaught exception.
      expect(() => client.emit('error', terminated())).not.toThrow();
      expect((await pool.query<{ n: number }>('select 1 as n')).rows[0]?.n).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('(the control) a bare pg.Pool throws it', async () => {
    const pool = new pg.Pool({ ...sharedDatabase().connection, max: 1 });
    try {
      const client = await pool.connect();
      client.release();
      expect(() => client.emit('error', terminated())).toThrow(/administrator command/);
    } finally {
      await pool.end();
    }
  });
});
