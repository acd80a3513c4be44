import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDatabase } from '../../test/harness.ts';

/**
 * Concurrent extended-protocol queries on several connections, while another connection keeps
 * opening transactions, each get their own statement and rows. On PGlite this failed before
 * ProtocolCycleQueue ("bind message supplies 2 parameters, but prepared statement "" requires 1",
 * or one query's rows answered to another); on PostgreSQL it holds by construction.
 */
describe('wire-protocol cycles do not interleave', () => {
  const pool = new pg.Pool({ ...sharedDatabase().connection, max: 5 });
  afterAll(async () => pool.end());

  it('1,000 rounds of three different parameterised queries beside a transaction loop answer each query its own rows', async () => {
    let stop = false;
    const background = (async () => {
      const c = await pool.connect();
      try {
        while (!stop) {
          await c.query('begin');
          await c.query('select $1::int + $2::int as s', [1, 2]);
          await c.query('commit');
        }
      } finally {
        c.release();
      }
    })();
    let wrong = 0;
    try {
      for (let i = 0; i < 1000; i++) {
        const [a, b, c] = await Promise.all([
          pool.query<{ a: number }>('select $1::int as a', [i]),
          pool.query<{ key: string; value: string }>('select $1::text as key, $2::text as value', ['k', String(i)]),
          pool.query<{ c: number }>('select g as c from generate_series(1, $1::int) g', [3]),
        ]);
        if (a.rows[0]?.a !== i || b.rows[0]?.value !== String(i) || c.rows.length !== 3) wrong++;
      }
    } finally {
      stop = true;
      await background;
    }
    expect(wrong).toBe(0);
  }, 120_000);
});
