import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.ts';
import { TenantResolver } from './tenant-resolver.ts';

// slugOf never touches the database.
const resolver = new TenantResolver({} as Kysely<Database>, { baseDomain: 'porta.example.com', publicUrl: undefined });

describe('TenantResolver.slugOf (D-1, invariant 1)', () => {
  it.each([
    ['acme.porta.example.com', 'acme'],
    ['ACME.Porta.Example.com', 'acme'],
    ['acme.porta.example.com:3000', 'acme'],
    ['acme.porta.example.com.', 'acme'],
    ['rossi-it.porta.example.com', 'rossi-it'],
  ])('%s names %s', (host, slug) => {
    expect(resolver.slugOf(host)).toBe(slug);
  });

  it.each([
    'porta.example.com',
    'localhost:3000',
    'acme.other.example.com',
    'a.b.porta.example.com',
    'acme_x.porta.example.com',
    'acmeporta.example.com',
    '.porta.example.com',
    '',
  ])('%s names no tenant', (host) => {
    expect(resolver.slugOf(host)).toBeNull();
  });

  it('works with localhost as the base domain', () => {
    expect(new TenantResolver({} as Kysely<Database>, { baseDomain: 'localhost', publicUrl: undefined }).slugOf('acme.localhost:3000')).toBe('acme');
  });
});
