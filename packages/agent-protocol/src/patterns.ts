import { z } from 'zod';

/**
 * Strict shapes for values that end up in an OS command's argument vector. None may start
 * with `-` (no option injection), none may hold whitespace controls, quotes, `:` or `/`
 * where the OS tools would read them as separators. The agent checks again per OS.
 */

/** base64url without padding, at least 16 bytes (22 chars), at most 64 bytes. */
export const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{22,86}$/, 'nonce: base64url of 16 to 64 bytes');

/** base64url of a raw 32-byte Ed25519 public key (43 chars). */
export const publicKeyB64Schema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'public key: base64url of 32 bytes');

/** base64url of a 64-byte Ed25519 signature (86 chars). */
export const signatureB64Schema = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'signature: base64url of 64 bytes');

/**
 * A local account name as the inventory reports it: letters, digits, `.`, `_`, `-`, and inner
 * spaces (Windows allows "John Smith"); 1-64 chars, never starting with `-`, `.` or a space.
 */
export const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._ -]{0,63}$/, 'username: letters, digits, . _ - and inner spaces')
  .refine((s) => !s.endsWith(' '), 'username: no trailing space');

/** A server-generated temporary password: printable ASCII without spaces, 8-128 chars. */
export const temporaryPasswordSchema = z.string().regex(/^[\x21-\x7e]{8,128}$/, 'temporary password: 8-128 printable ASCII');

/** Chocolatey package id / winget id: `Google.Chrome`, `7zip.install`, `vscode`. */
export const simplePackageRefSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, 'package ref');

/**
 * Homebrew reference: `cask:<token>` (installed with `brew install --cask <token>`) or
 * `formula:<name>` (`brew install <name>`); a name may be tap-qualified `owner/tap/name`.
 */
export const brewRefSchema = z
  .string()
  .regex(/^(cask|formula):([a-z0-9][a-z0-9._+-]{0,63}\/){0,2}[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/, 'brew ref: cask:<token> or formula:<name>');

/** A package source: Chocolatey source URL/name or Homebrew tap `owner/repo`. No spaces, no leading `-`. */
export const packageSourceSchema = z.string().regex(/^[A-Za-z0-9][\x21-\x7e]{0,499}$/, 'package source');

export interface BrewRef {
  kind: 'cask' | 'formula';
  name: string;
}

/** Splits a validated brew ref into its kind and name. */
export function parseBrewRef(ref: string): BrewRef | null {
  if (!brewRefSchema.safeParse(ref).success) return null;
  const colon = ref.indexOf(':');
  return { kind: ref.slice(0, colon) === 'cask' ? 'cask' : 'formula', name: ref.slice(colon + 1) };
}
