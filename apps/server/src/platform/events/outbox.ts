import type { Db } from '../db/db.ts';

export type OutboxTopic =
  | 'ticket.created'
  | 'ticket.replied'
  | 'ticket.status_changed'
  /** A contact was created (A-2 welcome mail, if the tenant sends one). */
  | 'contact.created'
  /** "Send the welcome e-mail again". */
  | 'contact.welcome'
  /** One e-mail to deliver over SMTP (issue 5); its payload is a `QueuedMail`. */
  | 'mail';

/**
 * Records an effect to deliver later (notification e-mails, webhooks) in the caller's
 * transaction: it exists if and only if the change that caused it was committed.
 */
export async function enqueue(db: Db, tenantId: string, topic: OutboxTopic, payload: object, id?: string): Promise<void> {
  await enqueueMany(db, tenantId, topic, [{ payload, ...(id && { id }) }]);
}

/** Several effects of one topic in one statement (a notification's mails to every recipient: issue 16 item 2). */
export async function enqueueMany(db: Db, tenantId: string, topic: OutboxTopic, items: { payload: object; id?: string }[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto('outbox')
    .values(items.map(({ payload, id }) => ({ ...(id && { id }), tenant_id: tenantId, topic, payload: JSON.stringify(payload) })))
    .execute();
}
