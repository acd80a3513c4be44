import type { SmsMessage } from '@porta/contracts/sms';
import type { AppContext } from '../../platform/context.ts';
import { decrypt } from '../../platform/crypto/keys.ts';
import type { SmsRow } from './sms.repo.ts';

/**
 * In the console outbox (no provider configured) the full text is the delivery: technicians
 * read the code to the contact. Once an outside provider took it, only the redacted text is left.
 */
export function presentSms(ctx: AppContext, r: SmsRow): SmsMessage {
  const body = r.status === 'outbox' && r.body_enc ? decrypt(ctx.keys, r.body_enc) : r.body;
  return {
    id: r.id,
    to: r.to_e164,
    kind: r.kind,
    body,
    status: r.status,
    provider: r.provider,
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  };
}
