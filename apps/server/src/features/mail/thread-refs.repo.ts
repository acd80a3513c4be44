import type { Db } from '../../platform/db/db.ts';

/** A Message-ID that belongs to a ticket's thread (sent notifications, received mails). */
export async function rememberThreadRef(db: Db, tenantId: string, messageId: string, ticketId: string): Promise<void> {
  await rememberThreadRefs(db, tenantId, [messageId], ticketId);
}

/** Several Message-IDs of one ticket's thread in one statement (a notification and its root). */
export async function rememberThreadRefs(db: Db, tenantId: string, messageIds: string[], ticketId: string): Promise<void> {
  const unique = [...new Set(messageIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('mail_thread_refs')
    .values(unique.map((messageId) => ({ tenant_id: tenantId, message_id: messageId, ticket_id: ticketId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The ticket the first known reference belongs to. */
export async function ticketOfRefs(db: Db, tenantId: string, messageIds: string[]): Promise<string | undefined> {
  if (messageIds.length === 0) return undefined;
  const rows = await db.selectFrom('mail_thread_refs').select(['message_id', 'ticket_id']).where('tenant_id', '=', tenantId).where('message_id', 'in', messageIds.slice(0, 100)).execute();
  const byId = new Map(rows.map((r) => [r.message_id, r.ticket_id]));
  for (const id of messageIds) if (byId.has(id)) return byId.get(id);
  return undefined;
}
