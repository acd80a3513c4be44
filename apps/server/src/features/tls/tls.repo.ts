import type { Db } from '../../platform/db/db.ts';

/*
 * Certificates belong to hosts, and hosts are platform-wide (the manager certifies every
 * tenant's): only the console's list takes a tenant id. The ACME challenges are the CA's.
 */

export async function listCertificates(db: Db) {
  return db.selectFrom('tls_certificates').selectAll().orderBy('host').execute();
}

export async function listTenantCertificates(db: Db, tenantId: string) {
  return db.selectFrom('tls_certificates').selectAll().where('tenant_id', '=', tenantId).orderBy('host').execute();
}

export async function findCertificate(db: Db, host: string) {
  return db.selectFrom('tls_certificates').selectAll().where('host', '=', host).executeTakeFirst();
}

/** A host to certify: a pending row (an existing row keeps its state). */
export async function ensureCertificateRow(db: Db, host: string, tenantId: string): Promise<void> {
  await db
    .insertInto('tls_certificates')
    .values({ host, tenant_id: tenantId, state: 'pending' })
    .onConflict((oc) => oc.column('host').doUpdateSet({ tenant_id: tenantId }))
    .execute();
}

export async function markValid(db: Db, host: string, certPem: string, keySealed: string, notAfter: Date): Promise<void> {
  await db
    .updateTable('tls_certificates')
    .set({ state: 'valid', cert_pem: certPem, key_sealed: keySealed, not_after: notAfter, failure_reason: null, attempts: 0, next_attempt_at: null, updated_at: new Date() })
    .where('host', '=', host)
    .execute();
}

/** A failed order. A certificate the host still has is kept (and served) until it expires. */
export async function markFailed(db: Db, host: string, reason: string, attempts: number, nextAttemptAt: Date): Promise<void> {
  await db
    .updateTable('tls_certificates')
    .set({ state: 'failed', failure_reason: reason, attempts, next_attempt_at: nextAttemptAt, updated_at: new Date() })
    .where('host', '=', host)
    .execute();
}

export async function deleteCertificate(db: Db, host: string): Promise<void> {
  await db.deleteFrom('tls_certificates').where('host', '=', host).execute();
}

export async function putChallenge(db: Db, token: string, keyAuthorization: string, host: string): Promise<void> {
  await db
    .insertInto('acme_challenges')
    .values({ token, key_authorization: keyAuthorization, host })
    .onConflict((oc) => oc.column('token').doUpdateSet({ key_authorization: keyAuthorization, host }))
    .execute();
}

export async function findChallenge(db: Db, token: string): Promise<string | null> {
  const row = await db.selectFrom('acme_challenges').select('key_authorization').where('token', '=', token).executeTakeFirst();
  return row?.key_authorization ?? null;
}

export async function deleteChallenge(db: Db, token: string): Promise<void> {
  await db.deleteFrom('acme_challenges').where('token', '=', token).execute();
}
