import { describe, expect, it } from 'vitest';
import { addressFor, publicBaseUrl } from './tenant-address.ts';

const config = (publicUrl: string | undefined, port = 3000, baseDomain = 'localhost') => ({ publicUrl, port, baseDomain });

describe('tenant addresses (#9 item 3)', () => {
  it('without PORTA_PUBLIC_URL: http://localhost:<PORT> for the default tenant, <slug>.localhost:<PORT> for the others', () => {
    expect(publicBaseUrl(config(undefined, 3417))).toBe('http://localhost:3417');
    expect(addressFor(config(undefined, 3417), 'acme', true)).toBe('http://localhost:3417');
    expect(addressFor(config(undefined, 3417), 'acme', false)).toBe('http://acme.localhost:3417');
  });

  it('leaves out a port the scheme implies, keeps any other', () => {
    expect(addressFor(config(undefined, 80), 'acme', true)).toBe('http://localhost');
    expect(addressFor(config(undefined, 80), 'acme', false)).toBe('http://acme.localhost');
    expect(addressFor(config('https://porta.example.com:443/', 3000, 'porta.example.com'), 'acme', false)).toBe('https://acme.porta.example.com');
    expect(addressFor(config('https://help.example.com:8443', 3000, 'porta.example.com'), 'acme', false)).toBe('https://acme.porta.example.com:8443');
  });

  it('the default tenant gets PORTA_PUBLIC_URL as written, without a trailing slash', () => {
    expect(addressFor(config('https://help.example.com/', 3000, 'porta.example.com'), 'acme', true)).toBe('https://help.example.com');
    expect(addressFor(config('https://help.example.com:8443', 3000, 'porta.example.com'), 'acme', true)).toBe('https://help.example.com:8443');
  });
});
