import type { Db } from '../db/db.ts';

export type OutboxTopic =
  | 'ticket.created'
  | 'ticket.replied'
  | 'ticket.status_changed'
  /** Fields of a ticket changed (other than its status); only webhooks (issue 15) listen. */
  | 'ticket.updated'
  /** A device command reached a final state (succeeded, failed, refused); only webhooks listen. */
  | 'device_action.finished'
  /** A contact was created (A-2 welcome mail, if the tenant sends one). */
  | 'contact.created'
  /** "Send the welcome e-mail again". */
  | 'contact.welcome'
  /** One e-mail to deliver over SMTP (issue 5); its payload is a `QueuedMail`. */
  | 'mail'
  /** One step of an Atera import (issue 15 item 5): `{ jobId, step }`, handled by features/imports-atera/atera-step.ts. */
  | 'import.atera';

/**
 * Records an effect to deliver later (notification e-mails, webhooks) in the caller's
 * transaction: it exists if and only if the change that caused it was committed.
 */
export async function enqueue(db: Db, tenantId: string, topic: OutboxTopic, payload: object, id?: string): Promise<void> {
  await enqueueMany(db, tenantId, topic, [{ payload, ...(id && { id }) }]);
}

/**
 * Several effects of one topic, in the caller's transaction: one statement per 1,000 (a
 * notification's mails to every recipient, issue 16 item 2; an import's 10,000
 * `contact.created`, issue 15 item 5).
 */
export async function enqueueMany(db: Db, tenantId: string, topic: OutboxTopic, items: { payload: object; id?: string }[]): Promise<void> {
  for (let i = 0; i < items.length; i += 1000) {
    await db
      .insertInto('outbox')
      .values(items.slice(i, i + 1000).map(({ payload, id }) => ({ ...(id && { id }), tenant_id: tenantId, topic, payload: JSON.stringify(payload) })))
      .execute();
  }
}
