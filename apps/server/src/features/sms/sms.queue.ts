import type { AppContext } from '../../platform/context.ts';
import { encrypt } from '../../platform/crypto/keys.ts';
import type { Db } from '../../platform/db/db.ts';
import type { SmsKind } from '../../platform/db/schema.ts';

export interface QueuedSms {
  contactId: string | null;
  to: string;
  kind: SmsKind;
  /** The full text (sealed until an outside provider accepted it). */
  text: string;
  /** The same text with its secret (code, password) masked: what stays readable afterwards. */
  redacted: string;
}

/**
 * Queues one SMS: the message row and its outbox row in the caller's transaction, so an SMS
 * is never lost (the outbox worker delivers it, retrying with backoff) and never sent for a
 * request that rolled back.
 */
export async function queueSms(ctx: AppContext, db: Db, tenantId: string, sms: QueuedSms): Promise<string> {
  const row = await db
    .insertInto('sms_messages')
    .values({ tenant_id: tenantId, contact_id: sms.contactId, to_e164: sms.to, kind: sms.kind, body: sms.redacted, body_enc: encrypt(ctx.keys, sms.text) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('outbox').values({ tenant_id: tenantId, topic: 'sms', payload: JSON.stringify({ smsId: row.id }), available_at: new Date() }).execute();
  return row.id;
}
