import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { NONCE_GRACE_MS, NonceStore } from './nonces.ts';

// SS-8: nonces are kept until expiry, across restarts, written atomically.
const dirs: string[] = [];
function dir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'porta-nonces-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('persists claims and outcomes across reopen, and leaves no temp files', async () => {
  const d = dir();
  const now = Date.parse('2026-12-03T20:00:00Z');
  const store = await NonceStore.open(d, now);
  await store.claim('n1', 'c1', '2026-12-03T20:10:00.000Z', now);
  await store.settle('n1', 'succeeded');
  const reopened = await NonceStore.open(d, now + 60_000);
  expect(reopened.get('n1')).toEqual({ nonce: 'n1', commandId: 'c1', expiresAt: '2026-12-03T20:10:00.000Z', outcome: 'succeeded' });
  expect(readdirSync(d)).toEqual(['nonces.json']);
});

it('forgets a nonce only after its command expired plus the grace', async () => {
  const d = dir();
  const now = Date.parse('2026-12-03T20:00:00Z');
  const store = await NonceStore.open(d, now);
  await store.claim('n1', 'c1', '2026-12-03T20:10:00.000Z', now);
  const expiry = Date.parse('2026-12-03T20:10:00.000Z');
  expect((await NonceStore.open(d, expiry + NONCE_GRACE_MS)).get('n1')).toBeDefined();
  const later = await NonceStore.open(d, expiry + NONCE_GRACE_MS + 1);
  expect(later.get('n1')).toBeUndefined();
  await later.claim('n2', 'c2', '2026-12-03T21:10:00.000Z', expiry + NONCE_GRACE_MS + 1);
  expect(JSON.parse(readFileSync(path.join(d, 'nonces.json'), 'utf8')).entries.map((e: { nonce: string }) => e.nonce)).toEqual(['n2']);
});

it('refuses to start on a damaged store instead of forgetting nonces', async () => {
  const d = dir();
  writeFileSync(path.join(d, 'nonces.json'), '{"version":1,"entries":[{"nonce":');
  await expect(NonceStore.open(d)).rejects.toThrow();
});
