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
  | 'mail'
  /** One step of an Atera import (issue 15 item 5): `{ jobId, step }`, handled by features/imports-atera/atera-step.ts. */
  | 'import.atera';

/**
 * Records an effect to deliver later (notification e-mails, webhooks) in the caller's
 * transaction: it exists if and only if the change that caused it was committed.
 */
export async function enqueue(db: Db, tenantId: string, topic: OutboxTopic, payload: object, id?: string): Promise<void> {
  await db.insertInto('outbox').values({ ...(id && { id }), tenant_id: tenantId, topic, payload: JSON.stringify(payload) }).execute();
}
