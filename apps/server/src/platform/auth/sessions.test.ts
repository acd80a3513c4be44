import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { AppContext } from '../context.ts';
import { deriveKeys } from '../crypto/keys.ts';
import { LocalBus } from '../events/bus.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { csrfMatches, csrfTokenFor, isExpired } from './sessions.ts';
import { loginRules } from './throttle.ts';

const config = loadConfig({ PORTA_SESSION_IDLE_MINUTES: '30', PORTA_SESSION_ABSOLUTE_HOURS: '8' });
const ctx: AppContext = { db: {} as Kysely<Database>, engine: 'pglite', keys: deriveKeys('unit-test-master-key-32-characters!!'), config, bus: new LocalBus() };

describe('session expiry (A-7)', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  const minutes = (m: number) => new Date(now + m * 60_000);

  it('is live while seen within the idle time and before the absolute end', () => {
    expect(isExpired(ctx, { id: 's', last_seen_at: minutes(-29), expires_at: minutes(60) }, now)).toBe(false);
  });

  it('expires after the idle time without a request', () => {
    expect(isExpired(ctx, { id: 's', last_seen_at: minutes(-30), expires_at: minutes(60) }, now)).toBe(true);
  });

  it('expires at the absolute end however active it was', () => {
    expect(isExpired(ctx, { id: 's', last_seen_at: minutes(0), expires_at: minutes(0) }, now)).toBe(true);
  });
});

describe('CSRF token (A-7, invariant 6)', () => {
  it('is bound to the session token and the instance key', () => {
    const token = csrfTokenFor(ctx, 'session-a');
    expect(csrfMatches(ctx, 'session-a', token)).toBe(true);
    expect(csrfMatches(ctx, 'session-b', token)).toBe(false);
    expect(csrfMatches(ctx, 'session-a', undefined)).toBe(false);
    expect(csrfMatches(ctx, 'session-a', '')).toBe(false);
    const other: AppContext = { ...ctx, keys: deriveKeys('another-unit-test-master-key-32-chars') };
    expect(csrfMatches(other, 'session-a', token)).toBe(false);
  });
});

describe('login throttle rules (A-7)', () => {
  it('counts per account and IP, per account, and per IP; the account is case-insensitive', () => {
    const rules = loginRules('tenant-1', 'technician', 'Ada@Example.com', '10.0.0.1');
    expect(rules.map((r) => r.key)).toEqual([
      'acct-ip:tenant-1:technician:ada@example.com:10.0.0.1',
      'acct:tenant-1:technician:ada@example.com',
      'ip:10.0.0.1',
    ]);
    expect(rules[0]?.limit).toBe(5);
  });
});
