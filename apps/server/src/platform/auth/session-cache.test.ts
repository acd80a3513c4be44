import { describe, expect, it } from 'vitest';
import type { ContactPrincipal } from './principal.ts';
import { gated, tick } from '../../test/gated.ts';
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

const loaded = (): LoadedSession => ({ principal, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });

describe('SessionCache.load: one read for the requests that miss together (issue 16)', () => {
  it('reads a session once for 50 requests that arrive while it is read, then serves it from the cache', async () => {
    const cache = new SessionCache(5_000);
    const g = gated<LoadedSession | null>();
    const answers = Promise.all(Array.from({ length: 50 }, () => cache.load('contact:t1:h1', 'h1', g.load)));
    await tick();
    expect(g.started()).toBe(1);
    g.release(loaded());
    expect((await answers).every((p) => p?.id === 'c1')).toBe(true);
    expect(cache.get('h1')?.principal.id).toBe('c1');
  });

  it('does not keep a read that overlapped a drop (a sign-out during the read), and the next request reads again', async () => {
    const cache = new SessionCache(5_000);
    const g = gated<LoadedSession | null>();
    const during = cache.load('contact:t1:h1', 'h1', g.load);
    await tick();
    cache.drop('t1', 'c1');
    const after = cache.load('contact:t1:h1', 'h1', g.load);
    await tick();
    expect(g.started()).toBe(2);
    g.release(loaded());
    expect((await during)?.id).toBe('c1');
    expect(cache.get('h1')).toBeUndefined();
    g.release(null);
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
