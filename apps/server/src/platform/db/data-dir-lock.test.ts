import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killHard, processState, spawnCommand, type Spawned } from '../../test/processes.ts';
import { DataDirLockedError, LOCK_SOCKET_NAME, lockDataDir } from './data-dir-lock.ts';

const HOLDER = 'apps/server/src/test/fixtures/lock-holder.ts';
const dirs: string[] = [];
const spawned: Spawned[] = [];
const releases: (() => void)[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-lock-'));
  dirs.push(dir);
  return dir;
}
async function holder(dir: string, opts: { notReaped?: boolean; waitForGo?: boolean } = {}): Promise<Spawned> {
  const s = await spawnCommand(process.execPath, ['--import', 'tsx', HOLDER, dir, ...(opts.waitForGo ? ['--wait-for-go'] : [])], { notReaped: opts.notReaped });
  spawned.push(s);
  return s;
}
async function lock(dir: string): Promise<() => void> {
  const release = await lockDataDir(dir);
  releases.push(release);
  return release;
}
const result = (line: string) => JSON.parse(line) as { result: string; pid?: number; message?: string };

afterEach(async () => {
  for (const r of releases.splice(0)) r();
  await Promise.all(spawned.splice(0).map((s) => s.kill()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('data-dir lock: one live process per embedded database, proven by a listening socket', () => {
  it('holds a socket in the data directory and removes it on release; the directory can be locked again', async () => {
    const dir = tempDir();
    const release = await lock(dir);
    expect(fs.statSync(path.join(dir, LOCK_SOCKET_NAME)).isSocket()).toBe(true);
    release();
    expect(fs.existsSync(path.join(dir, LOCK_SOCKET_NAME))).toBe(false);
    (await lock(dir))();
  });

  it('refuses a directory held by another live process, naming its pid', async () => {
    const dir = tempDir();
    const other = await holder(dir);
    expect(result(await other.nextLine()).result).toBe('held');
    const attempt = lockDataDir(dir);
    await expect(attempt).rejects.toThrow(DataDirLockedError);
    await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`in use by another Porta process \\(pid ${other.pid}\\)`));
  });

  it('a second process is refused while this one holds the directory', async () => {
    const dir = tempDir();
    await lock(dir);
    const other = await holder(dir);
    const line = result(await other.nextLine());
    expect(line.result).toBe('refused');
    expect(line.message).toContain(`pid ${process.pid}`);
  });

  it('takes over the socket of a holder killed with -9 and never reaped (a zombie keeps its pid)', async () => {
    const dir = tempDir();
    const dead = await holder(dir, { notReaped: true });
    expect(result(await dead.nextLine()).result).toBe('held');
    await killHard(dead.pid);
    expect(processState(dead.pid)).toBe('Z'); // kill(pid, 0) would still call it alive
    expect(fs.statSync(path.join(dir, LOCK_SOCKET_NAME)).isSocket()).toBe(true); // left behind
    await lock(dir);
    // …and the new holder is a real one: the next process is refused.
    const next = await holder(dir);
    expect(result(await next.nextLine()).result).toBe('refused');
  });

  it('ignores a pid file of earlier versions naming a live unrelated process, and removes it', async () => {
    for (const pid of [process.pid, process.ppid, 1]) {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'porta.lock'), String(pid));
      const release = await lock(dir);
      expect(fs.existsSync(path.join(dir, 'porta.lock'))).toBe(false);
      release();
    }
  });

  it('of processes starting at the same instant on a stale socket, exactly one wins', async () => {
    const dir = tempDir();
    const dead = await holder(dir, { notReaped: true });
    expect(result(await dead.nextLine()).result).toBe('held');
    await killHard(dead.pid);
    const racers = await Promise.all([0, 1, 2, 3].map(() => holder(dir, { waitForGo: true })));
    for (const r of racers) expect(result(await r.nextLine()).result).toBe('ready');
    for (const r of racers) r.proc.stdin!.write('go\n');
    const outcomes = await Promise.all(racers.map(async (r) => result(await r.nextLine()).result));
    expect(outcomes.filter((o) => o === 'held')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(3);
  });

  it('works for a data directory whose path is too long for a socket address', async () => {
    const dir = path.join(tempDir(), 'a-rather-long-directory-name-'.repeat(5), 'data');
    expect(Buffer.byteLength(path.join(dir, LOCK_SOCKET_NAME))).toBeGreaterThan(108);
    await lock(dir);
    const other = await holder(dir);
    expect(result(await other.nextLine()).result).toBe('refused');
  });

  it('creates the directory when missing', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    (await lock(dir))();
    expect(fs.existsSync(dir)).toBe(true);
  });
});
