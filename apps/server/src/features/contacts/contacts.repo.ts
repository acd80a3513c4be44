import type { Db } from '../../platform/db/db.ts';
import { sql, type Updateable } from 'kysely';
import { fetchPage, likePattern, pageWindow } from '../../platform/db/paging.ts';
import type { ContactsTable, NewContact } from '../../platform/db/schema.ts';

const COLUMNS = [
  'c.id',
  'c.customer_id',
  'cu.name as customer_name',
  'c.first_name',
  'c.last_name',
  'c.email',
  'c.username',
  'c.is_primary',
  'c.language',
  'c.phone',
  'c.phone_e164',
  'c.phone_verified_at',
  'c.initial_password_enc',
  'c.email_tickets',
  'c.notify_company_tickets',
  'c.welcome_sent_at',
  'c.created_at',
  'c.updated_at',
] as const;

function contacts(db: Db, tenantId: string) {
  return db.selectFrom('contacts as c').where('c.tenant_id', '=', tenantId);
}

function withCustomer(q: ReturnType<typeof contacts>) {
  return q.innerJoin('customers as cu', (j) => j.onRef('cu.id', '=', 'c.customer_id').onRef('cu.tenant_id', '=', 'c.tenant_id')).select(COLUMNS);
}

export function findContact(db: Db, tenantId: string, id: string) {
  return withCustomer(contacts(db, tenantId)).where('c.id', '=', id).executeTakeFirst();
}

export type ContactView = NonNullable<Awaited<ReturnType<typeof findContact>>>;

export async function listContacts(db: Db, tenantId: string, q: { q?: string | undefined; customerId?: string | undefined; page: number; pageSize: number }) {
  let base = contacts(db, tenantId);
  if (q.customerId) base = base.where('c.customer_id', '=', q.customerId);
  if (q.q) {
    const like = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        eb(sql<string>`c.first_name || ' ' || c.last_name`, 'ilike', like),
        eb('c.email', 'ilike', like),
        eb('c.username', 'ilike', like),
      ]),
    );
  }
  return fetchPage(
    withCustomer(base).orderBy(sql`lower(c.last_name)`).orderBy(sql`lower(c.first_name)`).orderBy('c.id').$call(pageWindow(q)).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}

/** Usernames equal to `base` or `base` followed by digits, to pick the next free one. */
export async function usernamesLike(db: Db, tenantId: string, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('contacts')
    .select('username')
    .where('tenant_id', '=', tenantId)
    .where('username', 'like', `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .execute();
  return rows.map((r) => r.username);
}

export function insertContact(db: Db, values: NewContact) {
  return db.insertInto('contacts').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateContact(db: Db, tenantId: string, id: string, values: Updateable<ContactsTable>): Promise<boolean> {
  const r = await db
    .updateTable('contacts')
    .set({ ...values, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function deleteContact(db: Db, tenantId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('contacts').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export function findContactByUsername(db: Db, tenantId: string, username: string) {
  return db.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId).where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export function findContactCredentials(db: Db, tenantId: string, id: string) {
  return db.selectFrom('contacts').select(['id', 'password_hash', 'initial_password_enc']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}
