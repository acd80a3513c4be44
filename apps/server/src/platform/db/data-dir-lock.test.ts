import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('data-dir lock (P-1): one process per embedded database', () => {
  it('writes our pid and removes the file on release', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'porta.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'porta.lock'))).toBe(false);
  });

  it('refuses a directory held by another live process, with a clear message', () => {
    const dir = tempDir();
    // The parent (vitest) is alive and is not us.
    fs.writeFileSync(path.join(dir, 'porta.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another Porta process \(pid \d+\)/);
  });

  it('takes over a lock left by a process that no longer runs (crash, kill -9)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'porta.lock'), '4194304');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'porta.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('creates the directory when missing', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    lockDataDir(dir)();
    expect(fs.existsSync(dir)).toBe(true);
  });
});
