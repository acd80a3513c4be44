import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, provisioning, verifyTotp } from './totp.ts';

function codeAt(secret: string, timestamp: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp });
}

describe('TOTP helpers (A-6)', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 0, 1, 12, 0, 10);
  const step = Math.floor(now / 30_000);

  it('makes a 160-bit base32 secret', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('accepts the current code and answers its time step', () => {
    expect(verifyTotp(secret, codeAt(secret, now), now)).toBe(step);
    expect(verifyTotp(secret, ` ${codeAt(secret, now).slice(0, 3)} ${codeAt(secret, now).slice(3)} `, now)).toBe(step);
  });

  it('accepts one step of clock drift either way, and nothing further', () => {
    expect(verifyTotp(secret, codeAt(secret, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(secret, codeAt(secret, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(secret, codeAt(secret, now - 90_000), now)).toBeNull();
    expect(verifyTotp(secret, codeAt(secret, now + 90_000), now)).toBeNull();
  });

  it('refuses malformed codes and codes of another secret', () => {
    expect(verifyTotp(secret, 'abcdef', now)).toBeNull();
    expect(verifyTotp(secret, '12345', now)).toBeNull();
    expect(verifyTotp(secret, '1234567', now)).toBeNull();
    expect(verifyTotp(secret, codeAt(newTotpSecret(), now), now)).toBeNull();
  });

  it('provisions an otpauth URL with issuer and label, and a QR code as SVG', async () => {
    const p = await provisioning(secret, 'ada@msp.example.com', 'Porta (Acme IT)');
    expect(p.secret).toBe(secret);
    expect(p.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(p.otpauthUrl).toContain(`secret=${secret}`);
    expect(decodeURIComponent(p.otpauthUrl)).toContain('Porta (Acme IT)');
    expect(p.qrSvg).toContain('<svg');
  });

  it('makes ten distinct recovery codes, hashed case- and space-insensitively', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const first = codes[0] ?? '';
    expect(hashRecoveryCode(` ${first.toUpperCase()} `)).toBe(hashRecoveryCode(first));
    expect(hashRecoveryCode(first)).not.toBe(hashRecoveryCode(codes[1] ?? ''));
  });
});
