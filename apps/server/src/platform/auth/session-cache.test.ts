import { describe, expect, it } from 'vitest';
import type { ContactPrincipal } from './principal.ts';
import { SessionCache, type LoadedSession } from './session-cache.ts';

const principal: ContactPrincipal = {
  kind: 'contact',
  id: 'c1',
  tenantId: 't1',
  customerId: 'cu1',
  customerName: 'Rossi Srl',
  firstName: 'Anna',
  lastName: 'Rossi',
  email: 'anna@example.com',
  username: 'anna',
  isPrimary: true,
  language: 'it',
  phone: null,
  sessionId: 's1',
  portalSettingsRaw: null,
  customFieldKeys: [],
};

/** A session read that answers when told to, counting how often it was started. */
function gatedRead() {
  let reads = 0;
  const waiting: ((l: LoadedSession | null) => void)[] = [];
  return {
    read: () =>
      new Promise<LoadedSession | null>((resolve) => {
        reads++;
        waiting.push(resolve);
      }),
    reads: () => reads,
    answer: (l: LoadedSession | null) => waiting.shift()?.(l),
  };
}

const loaded = (): LoadedSession => ({ principal, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
const tick = () => new Promise((r) => setImmediate(r));

describe('SessionCache.load: one read for the requests that miss together (issue 16)', () => {
  it('reads a session once for 50 requests that arrive while it is read, then serves it from the cache', async () => {
    const cache = new SessionCache(5_000);
    const g = gatedRead();
    const answers = Promise.all(Array.from({ length: 50 }, () => cache.load('contact:t1:h1', 'h1', g.read)));
    await tick();
    expect(g.reads()).toBe(1);
    g.answer(loaded());
    expect((await answers).every((p) => p?.id === 'c1')).toBe(true);
    expect(cache.get('h1')?.principal.id).toBe('c1');
  });

  it('does not keep a read that overlapped a drop (a sign-out during the read), and the next request reads again', async () => {
    const cache = new SessionCache(5_000);
    const g = gatedRead();
    const during = cache.load('contact:t1:h1', 'h1', g.read);
    await tick();
    cache.drop('t1', 'c1');
    const after = cache.load('contact:t1:h1', 'h1', g.read);
    await tick();
    expect(g.reads()).toBe(2);
    g.answer(loaded());
    expect((await during)?.id).toBe('c1');
    expect(cache.get('h1')).toBeUndefined();
    g.answer(null);
    expect(await after).toBeNull();
    expect(cache.get('h1')).toBeUndefined();
  });

  it('with the cache off (0), reads every time and keeps nothing', async () => {
    const cache = new SessionCache(0);
    let reads = 0;
    const read = async () => {
      reads++;
      return loaded();
    };
    await Promise.all([cache.load('k', 'h1', read), cache.load('k', 'h1', read)]);
    expect(reads).toBe(2);
    expect(cache.get('h1')).toBeUndefined();
  });
});
