import type { Db } from '../../platform/db/db.ts';

/** Who mails go to: contacts and technicians as the mail feature needs them. */
export function contactForMail(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom('contacts as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .select(['c.id', 'c.customer_id', 'c.first_name', 'c.last_name', 'c.email', 'c.username', 'c.language', 'c.initial_password_enc', 'c.is_primary', 'cu.name as customer_name'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type MailContact = NonNullable<Awaited<ReturnType<typeof contactForMail>>>;

/** Primary contacts of a customer who asked to hear about every company ticket. */
export function companyWatchers(db: Db, tenantId: string, customerId: string) {
  return db
    .selectFrom('contacts')
    .select(['id', 'first_name', 'last_name', 'email', 'language'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('is_primary', '=', true)
    .where('notify_company_tickets', '=', true)
    .execute();
}

/** Technicians to tell: the listed ones, or every technician of the tenant. */
export function techniciansForMail(db: Db, tenantId: string, only?: string[]) {
  let q = db.selectFrom('technicians').select(['id', 'name', 'email', 'language']).where('tenant_id', '=', tenantId);
  if (only) q = q.where('id', 'in', only.length > 0 ? only : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('created_at').limit(200).execute();
}

export function statusOfTicket(db: Db, tenantId: string, ticketId: string) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('ticket_statuses as s', 's.id', 't.status_id')
    .select(['s.key', 's.name', 's.is_default'])
    .where('t.tenant_id', '=', tenantId)
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
}
