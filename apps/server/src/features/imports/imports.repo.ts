import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import type { NewContact } from '../../platform/db/schema.ts';

/**
 * Bulk reads and writes of an import: whole batches per statement, so 10,000 rows are a few
 * dozen round trips. Every function takes the tenant first and keeps it in the WHERE.
 */
export const BATCH = 500;

export function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One import of a tenant at a time: the second waits for the first's transaction to end. */
export async function lockTenantImports(db: Db, tenantId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`porta-import:${tenantId}`}))`.execute(db);
}

export function customerNames(db: Db, tenantId: string) {
  return db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', tenantId).execute();
}

export function customerDomains(db: Db, tenantId: string) {
  return db.selectFrom('customer_domains').select(['domain', 'customer_id']).where('tenant_id', '=', tenantId).execute();
}

export function contactEmails(db: Db, tenantId: string) {
  return db.selectFrom('contacts').select(['id', 'email']).where('tenant_id', '=', tenantId).execute();
}

export async function contactUsernames(db: Db, tenantId: string): Promise<string[]> {
  return (await db.selectFrom('contacts').select('username').where('tenant_id', '=', tenantId).execute()).map((r) => r.username);
}

export async function insertCustomers(db: Db, tenantId: string, rows: { id: string; name: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('customers')
    .values(rows.map((r) => ({ id: r.id, tenant_id: tenantId, name: r.name })))
    .execute();
}

/** The customers' domains become exactly `domains` (the customers' other domains are removed). */
export async function replaceDomainsOf(db: Db, tenantId: string, customerIds: string[], domains: { customerId: string; domain: string }[]): Promise<void> {
  if (customerIds.length > 0) {
    await db.deleteFrom('customer_domains').where('tenant_id', '=', tenantId).where('customer_id', 'in', customerIds).execute();
  }
  for (const part of chunks(domains, 2000)) {
    await db
      .insertInto('customer_domains')
      .values(part.map((d) => ({ tenant_id: tenantId, customer_id: d.customerId, domain: d.domain })))
      .execute();
  }
}

export async function touchCustomers(db: Db, tenantId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('customers').set({ updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
}

export async function insertContacts(db: Db, rows: NewContact[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('contacts').values(rows).execute();
}

/** A contact's new values; null keeps the stored one. */
export interface ContactChange {
  id: string;
  customerId: string | null;
  firstName: string | null;
  lastName: string | null;
  language: string | null;
  isPrimary: boolean | null;
  phone: string | null;
}

/** Updates a batch of contacts in one statement (`update … from (values …)`). */
export async function updateContacts(db: Db, tenantId: string, rows: ContactChange[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.customerId}::uuid, ${r.firstName}::text, ${r.lastName}::text, ${r.language}::text, ${r.isPrimary}::boolean, ${r.phone}::text)`,
    ),
  );
  await sql`
    update contacts c set
      customer_id = coalesce(v.customer_id, c.customer_id),
      first_name = coalesce(v.first_name, c.first_name),
      last_name = coalesce(v.last_name, c.last_name),
      language = coalesce(v.language, c.language),
      is_primary = coalesce(v.is_primary, c.is_primary),
      phone = coalesce(v.phone, c.phone),
      updated_at = now()
    from (values ${values}) as v(id, customer_id, first_name, last_name, language, is_primary, phone)
    where c.tenant_id = ${tenantId} and c.id = v.id`.execute(db);
}
