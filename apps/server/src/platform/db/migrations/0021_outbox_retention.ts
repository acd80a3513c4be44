import { type Kysely, sql } from 'kysely';

/**
 * Issue 16 item 3: the outbox under sustained load. Finished rows (done, dead) are pruned after
 * a retention (features/mail/outbox-maintenance.ts); this index lets each pruning batch find the
 * oldest finished rows without reading the whole table. No constraint is added.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index outbox_finished_idx on outbox (processed_at) where status in ('done', 'dead')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index outbox_finished_idx`.execute(db);
}
