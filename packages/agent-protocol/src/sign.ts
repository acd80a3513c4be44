import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes } from './canonical.ts';
import type { CommandPayload, SignedCommand } from './commands.ts';
import { helloBytes } from './hello.ts';

/** Ed25519 signing and key helpers (Node only). Keys travel as base64url of the raw 32 bytes. */

// DER prefixes of Ed25519 SubjectPublicKeyInfo / PKCS#8 for a raw 32-byte key.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function publicKeyFromRaw(rawB64: string): KeyObject {
  const raw = Buffer.from(rawB64, 'base64url');
  if (raw.length !== 32) throw new Error('Ed25519 public key must be 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function rawFromPublicKey(key: KeyObject): string {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('Not an Ed25519 key');
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_PREFIX.length).toString('base64url');
}

export function privateKeyFromRaw(rawB64: string): KeyObject {
  const raw = Buffer.from(rawB64, 'base64url');
  if (raw.length !== 32) throw new Error('Ed25519 private key seed must be 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
}

export function rawFromPrivateKey(key: KeyObject): string {
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') throw new Error('Not an Ed25519 private key');
  return key.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length).toString('base64url');
}

export function generateSigningKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

/** A fresh command nonce: 16 random bytes, base64url. */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function signBytes(bytes: Uint8Array, privateKey: KeyObject): string {
  return sign(null, bytes, privateKey).toString('base64url');
}

export function verifyBytes(bytes: Uint8Array, signatureB64: string, publicKey: KeyObject): boolean {
  const signature = Buffer.from(signatureB64, 'base64url');
  if (signature.length !== 64) return false;
  try {
    return verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}

export function signCommand(payload: CommandPayload, privateKey: KeyObject): SignedCommand {
  return { payload, signature: signBytes(canonicalBytes(payload), privateKey) };
}

/**
 * Whether the signature covers exactly this payload. Checks the signature only: parse with
 * `signedCommandSchema` first (that rejects extra keys), and check expiry/nonce/device after.
 */
export function verifyCommand(signed: { payload: unknown; signature: string }, publicKey: KeyObject): boolean {
  let bytes: Uint8Array;
  try {
    bytes = canonicalBytes(signed.payload);
  } catch {
    return false;
  }
  return verifyBytes(bytes, signed.signature, publicKey);
}

export function signHello(deviceId: string, nonce: string, privateKey: KeyObject): string {
  return signBytes(helloBytes(deviceId, nonce), privateKey);
}

export function verifyHello(deviceId: string, nonce: string, signatureB64: string, publicKey: KeyObject): boolean {
  return verifyBytes(helloBytes(deviceId, nonce), signatureB64, publicKey);
}
