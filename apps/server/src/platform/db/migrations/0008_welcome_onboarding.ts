import { type Kysely, sql } from 'kysely';

/**
 * Issue 9 item 5.
 * - `contacts.welcome_sent_at`: when the last welcome e-mail was queued for the contact, so the
 *   console says "Send the welcome e-mail" before the first and "… again" after. Welcome mails
 *   queued before this migration are found in the outbox by their recipient.
 * - `tenants.portal_address_shared_at`: the first-run checklist's "portal address" step, done
 *   when an admin copied or opened the portal address from the checklist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contacts add column welcome_sent_at timestamptz;
    alter table tenants add column portal_address_shared_at timestamptz;
    update contacts c set welcome_sent_at = sent.at
      from (
        select o.tenant_id, lower(o.payload->'to'->>'address') as address, max(o.created_at) as at
          from outbox o
         where o.topic = 'mail' and o.payload->>'kind' = 'welcome'
         group by 1, 2
      ) sent
     where sent.tenant_id = c.tenant_id and sent.address = lower(c.email);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contacts drop column welcome_sent_at;
    alter table tenants drop column portal_address_shared_at;
  `.execute(db);
}
