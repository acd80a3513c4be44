import type { Db } from '../db/db.ts';

export type OutboxTopic = 'ticket.created' | 'ticket.replied' | 'ticket.status_changed';

/**
 * Records an effect to deliver later (notification e-mails, webhooks) in the caller's
 * transaction: it exists if and only if the change that caused it was committed.
 */
export async function enqueue(db: Db, tenantId: string, topic: OutboxTopic, payload: Record<string, unknown>): Promise<void> {
  await db.insertInto('outbox').values({ tenant_id: tenantId, topic, payload: JSON.stringify(payload) }).execute();
}
