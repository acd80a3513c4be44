import { type Kysely, sql } from 'kysely';

/**
 * Issue 13 item 6 (SS-5, AI-5a): a catalogue package's other names (`aliases`), which the
 * assistant matches a contact's request against ("adobe reader", "pdf reader" for Acrobat).
 * Empty for the packages already in the table; the admin adds them on the Software page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table software_packages add column aliases text[] not null default '{}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table software_packages drop column aliases`.execute(db);
}
