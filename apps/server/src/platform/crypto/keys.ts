import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface Keys {
  /** AES-256-GCM key for secrets kept reversibly (initial contact passwords, TOTP seeds). */
  encryption: Buffer;
  /** HMAC key that binds CSRF tokens to sessions. */
  csrf: Buffer;
  /** HMAC key that makes ticket references in mail subjects unforgeable (T-9). */
  mailRef: Buffer;
}

export function deriveKeys(master: string): Keys {
  const ikm = Buffer.from(master, 'utf8');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', ikm, 'porta', info, 32));
  return { encryption: derive('encryption-v1'), csrf: derive('csrf-v1'), mailRef: derive('mail-ref-v1') };
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encrypt(keys: Keys, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decrypt(keys: Keys, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown sealed format');
  const decipher = createDecipheriv('aes-256-gcm', keys.encryption, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
