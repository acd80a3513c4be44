import { describe, expect, it } from 'vitest';
import { decrypt, deriveKeys, encrypt } from './keys.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';
import { hashToken, hmac, randomToken, safeEqual } from './tokens.ts';

describe('secrets kept reversibly: AES-256-GCM (invariant 5)', () => {
  const keys = deriveKeys('a-master-key-of-at-least-thirty-two-chars');

  it('derives distinct, deterministic keys for encryption and CSRF', () => {
    const again = deriveKeys('a-master-key-of-at-least-thirty-two-chars');
    expect(again.encryption.equals(keys.encryption)).toBe(true);
    expect(keys.encryption.equals(keys.csrf)).toBe(false);
    expect(keys.encryption).toHaveLength(32);
    expect(deriveKeys('another-master-key-of-thirty-two-chars!').encryption.equals(keys.encryption)).toBe(false);
  });

  it('round-trips, with a fresh IV each time and no plaintext in the sealed text', () => {
    const a = encrypt(keys, 'abcd-efgh-jkmn-pqrs');
    const b = encrypt(keys, 'abcd-efgh-jkmn-pqrs');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain('abcd');
    expect(decrypt(keys, a)).toBe('abcd-efgh-jkmn-pqrs');
    expect(decrypt(keys, encrypt(keys, ''))).toBe('');
    expect(decrypt(keys, encrypt(keys, 'Zoë ✓'))).toBe('Zoë ✓');
  });

  it('refuses a tampered text, another key, and unknown formats', () => {
    const sealed = encrypt(keys, 'secret');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    const tampered = [parts[0], parts[1], parts[2], data.toString('base64url')].join('.');
    expect(() => decrypt(keys, tampered)).toThrow();
    expect(() => decrypt(deriveKeys('yet-another-master-key-thirty-two-chars'), sealed)).toThrow();
    expect(() => decrypt(keys, 'v2.a.b.c')).toThrow(/Unknown sealed format/);
    expect(() => decrypt(keys, 'garbage')).toThrow();
  });
});

describe('passwords (A-1, invariant 5)', () => {
  it('generates 16 readable characters in four groups from an alphabet without look-alikes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-kmnp-zA-HJ-NP-Z2-9]{4}(-[a-kmnp-zA-HJ-NP-Z2-9]{4}){3}$/);
      expect(p).not.toMatch(/[01lIoO]/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery!')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});

describe('tokens', () => {
  it('random tokens are URL-safe and unique; their stored hash is SHA-256', () => {
    const t = randomToken();
    expect(t).toMatch(/^[\w-]{43}$/);
    expect(randomToken()).not.toBe(t);
    expect(hashToken(t)).toMatch(/^[\w-]{43}$/);
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).not.toBe(t);
  });

  it('safeEqual compares in constant time and copes with different lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(hmac(Buffer.alloc(32, 1), 'x')).not.toBe(hmac(Buffer.alloc(32, 2), 'x'));
  });
});
