import type { Db } from '../../platform/db/db.ts';
import { sql } from 'kysely';
import type { PageQuery } from '@porta/contracts/common';
import { fetchPage, likePattern, pageWindow } from '../../platform/db/paging.ts';

function customers(db: Db, tenantId: string) {
  return db.selectFrom('customers as c').where('c.tenant_id', '=', tenantId);
}

function withDetails(q: ReturnType<typeof customers>) {
  return q
    .select(['c.id', 'c.name', 'c.created_at', 'c.updated_at'])
    .select([
      sql<string[]>`coalesce((select array_agg(d.domain order by d.domain) from customer_domains d where d.tenant_id = c.tenant_id and d.customer_id = c.id), '{}')`.as('domains'),
      sql<number>`(select count(*) from contacts ct where ct.tenant_id = c.tenant_id and ct.customer_id = c.id)`.as('contact_count'),
    ]);
}

export type CustomerView = Awaited<ReturnType<typeof findCustomer>> & object;

export function findCustomer(db: Db, tenantId: string, id: string) {
  return withDetails(customers(db, tenantId)).where('c.id', '=', id).executeTakeFirst();
}

export async function listCustomers(db: Db, tenantId: string, q: PageQuery) {
  let base = customers(db, tenantId);
  if (q.q) {
    const like = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        eb('c.name', 'ilike', like),
        eb.exists(
          eb.selectFrom('customer_domains as d').select('d.domain').whereRef('d.customer_id', '=', 'c.id').where('d.tenant_id', '=', tenantId).where('d.domain', 'ilike', like),
        ),
      ]),
    );
  }
  return fetchPage(
    withDetails(base).orderBy(sql`lower(c.name)`).orderBy('c.id').$call(pageWindow(q)).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}

export function insertCustomer(db: Db, tenantId: string, name: string) {
  return db.insertInto('customers').values({ tenant_id: tenantId, name }).returning('id').executeTakeFirstOrThrow();
}

export async function updateCustomerName(db: Db, tenantId: string, id: string, name: string | undefined): Promise<boolean> {
  const r = await db
    .updateTable('customers')
    .set({ ...(name !== undefined && { name }), updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Domains already held by another customer of the tenant. */
export async function domainsTakenElsewhere(db: Db, tenantId: string, customerId: string | null, domains: string[]): Promise<string[]> {
  if (domains.length === 0) return [];
  let q = db.selectFrom('customer_domains').select('domain').where('tenant_id', '=', tenantId).where('domain', 'in', domains);
  if (customerId) q = q.where('customer_id', '<>', customerId);
  return (await q.execute()).map((r) => r.domain);
}

export async function replaceDomains(db: Db, tenantId: string, customerId: string, domains: string[]): Promise<void> {
  await db.deleteFrom('customer_domains').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute();
  if (domains.length === 0) return;
  await db
    .insertInto('customer_domains')
    .values(domains.map((domain) => ({ tenant_id: tenantId, customer_id: customerId, domain })))
    .execute();
}

export async function deleteCustomer(db: Db, tenantId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('customers').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function customerExists(db: Db, tenantId: string, id: string): Promise<boolean> {
  return (await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst()) !== undefined;
}
