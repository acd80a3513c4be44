import { createHash } from 'node:crypto';
// The one canonical JSON of the code base (also what command signatures cover).
import { canonicalJson } from '@porta/agent-protocol';

/** The hash before a tenant's first row. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedRow {
  tenantId: string;
  seq: number;
  at: Date;
  actor: string;
  event: string;
  subject: string;
  data: unknown;
  prevHash: string;
}

/** SS-7: sha256 over the canonical row, the previous row's hash included, hex. */
export function rowHash(row: ChainedRow): string {
  const canonical = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

const SECRET_KEY = /pass(word)?|secret|token|code$|^code|otp|private/i;

/**
 * Audit data never holds secrets: a value under a key that names one (temporaryPassword,
 * token, code, …) is replaced before the row is written and hashed.
 */
export function withoutSecrets(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withoutSecrets);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : withoutSecrets(v)]));
}
