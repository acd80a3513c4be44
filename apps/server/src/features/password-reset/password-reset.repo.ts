import type { Db } from '../../platform/db/db.ts';

export function findContactByLogin(db: Db, tenantId: string, login: string) {
  const value = login.trim().toLowerCase();
  return db
    .selectFrom('contacts')
    .select(['id', 'first_name', 'last_name', 'email', 'language'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('email', '=', value), eb('username', '=', value)]))
    .executeTakeFirst();
}

export async function recentRequests(db: Db, tenantId: string, contactId: string, sinceMs: number): Promise<number> {
  const row = await db
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('contact_id', '=', contactId)
    .where('created_at', '>', new Date(Date.now() - sinceMs))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertReset(db: Db, tenantId: string, contactId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.insertInto('password_resets').values({ tenant_id: tenantId, contact_id: contactId, token_hash: tokenHash, expires_at: expiresAt }).execute();
}

/** The unused, unexpired reset a token names, locked until the transaction ends. */
export function takeValidReset(db: Db, tenantId: string, tokenHash: string) {
  return db
    .selectFrom('password_resets')
    .select(['id', 'contact_id'])
    .where('tenant_id', '=', tenantId)
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .forUpdate()
    .executeTakeFirst();
}

/** Who an unused, unexpired reset token belongs to (read before the new password is judged; nothing is locked). */
export function peekValidReset(db: Db, tenantId: string, tokenHash: string) {
  return db
    .selectFrom('password_resets as r')
    .innerJoin('contacts as c', (j) => j.onRef('c.id', '=', 'r.contact_id').onRef('c.tenant_id', '=', 'r.tenant_id'))
    .innerJoin('tenants as t', 't.id', 'r.tenant_id')
    .select(['c.first_name', 'c.last_name', 'c.email', 'c.username', 't.name as tenant_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.token_hash', '=', tokenHash)
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', new Date())
    .executeTakeFirst();
}

/** Every open reset of the contact is spent (single use; an older link dies with the newer). */
export async function spendResets(db: Db, tenantId: string, contactId: string): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: new Date() }).where('tenant_id', '=', tenantId).where('contact_id', '=', contactId).where('used_at', 'is', null).execute();
}
