import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePgliteTemplate } from '../../test/database.ts';
import { EMBEDDED_SHARED_BUFFERS_MB, startEmbeddedDatabase } from './embedded.ts';
import { LOCK_SOCKET_NAME } from './data-dir-lock.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** shared_buffers as the embedded database reports it, started on a copy of the test template. */
async function sharedBuffers(mb: number | undefined): Promise<string | undefined> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-embedded-settings-'));
  fs.cpSync(await ensurePgliteTemplate(), dir, { recursive: true, filter: (src) => !['porta.lock', LOCK_SOCKET_NAME].includes(path.basename(src)) });
  const embedded = await startEmbeddedDatabase(dir, 1, mb);
  cleanups.push(async () => {
    await embedded.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const client = new pg.Client({ host: embedded.socketDir, port: 5432, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    return (await client.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]?.shared_buffers;
  } finally {
    await client.end();
  }
}

describe('embedded database settings (issue 16 item 4)', () => {
  it('runs with a 32 MiB page cache by default instead of PostgreSQL’s 128, and with the configured one when given', async () => {
    expect(EMBEDDED_SHARED_BUFFERS_MB).toBe(32);
    expect(await sharedBuffers(undefined)).toBe('32MB');
    expect(await sharedBuffers(16)).toBe('16MB');
  });
});
