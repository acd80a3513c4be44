import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

export interface TokenRow {
  id: string;
  customer_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  used_at: Date | null;
  created_at: Date;
}

const columns = ['id', 'customer_id', 'expires_at', 'revoked_at', 'used_at', 'created_at'] as const;

export async function insertToken(db: Kysely<Database>, tenantId: string, t: { customerId: string; tokenHash: string; expiresAt: Date; createdBy: string | null }): Promise<TokenRow> {
  return db
    .insertInto('enrolment_tokens')
    .values({ tenant_id: tenantId, customer_id: t.customerId, token_hash: t.tokenHash, expires_at: t.expiresAt, created_by: t.createdBy })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function listTokens(db: Kysely<Database>, tenantId: string, customerId: string): Promise<TokenRow[]> {
  return db.selectFrom('enrolment_tokens').select(columns).where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).orderBy('created_at', 'desc').limit(100).execute();
}

export async function revokeToken(db: Kysely<Database>, tenantId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('enrolment_tokens')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * Spends a use of a live token (not expired, not revoked): multi-use until expiry, so a
 * roll-out to a customer's machines needs one token. Answers the token's customer, or null.
 */
export async function useToken(db: Kysely<Database>, tenantId: string, tokenHash: string): Promise<{ id: string; customer_id: string } | null> {
  const row = await db
    .updateTable('enrolment_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['id', 'customer_id'])
    .executeTakeFirst();
  return row ?? null;
}
