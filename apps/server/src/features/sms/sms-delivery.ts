import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { decrypt } from '../../platform/crypto/keys.ts';
import { SmsProviderError } from '../../platform/sms/provider.ts';
import * as outbox from '../mail/outbox.repo.ts';
import type { ClaimedRow } from '../mail/outbox.repo.ts';
import { providerFor } from './sms-settings.service.ts';

/**
 * The outbox worker's delivery of topic `sms` (like mail, outside any transaction while the
 * provider is called). The console outbox keeps the sealed text for technicians to read; an
 * outside provider that accepted the message leaves only the redacted text behind. A refusal
 * for good (bad number, bad credentials) marks the message failed; anything else is thrown for
 * the worker to retry with backoff (at least once: a crash between the send and the mark
 * repeats the send).
 */
export async function deliverSms(ctx: AppContext, row: ClaimedRow): Promise<void> {
  const tenantId = row.tenant_id;
  const smsId = (row.payload as { smsId?: unknown } | null)?.smsId;
  const msg = typeof smsId === 'string' ? await ctx.db.selectFrom('sms_messages').selectAll().where('tenant_id', '=', tenantId).where('id', '=', smsId).executeTakeFirst() : undefined;
  if (!msg?.body_enc || msg.status !== 'queued') {
    await outbox.markDone(ctx.db, tenantId, row.id);
    return;
  }
  const provider = await providerFor(ctx, tenantId);
  const finish = (set: { status: 'outbox' | 'sent' | 'failed'; provider_id?: string | null; body_enc?: null; error?: string | null; sent_at?: Date }) =>
    ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('sms_messages').set({ ...set, provider: provider.name }).where('tenant_id', '=', tenantId).where('id', '=', msg.id).execute();
      await outbox.markDone(trx, tenantId, row.id);
    });
  if (provider.name === 'outbox') return finish({ status: 'outbox', sent_at: new Date() });
  try {
    const { providerId } = await provider.send({ id: msg.id, to: msg.to_e164, body: decrypt(ctx.keys, msg.body_enc) });
    await finish({ status: 'sent', provider_id: providerId, body_enc: null, error: null, sent_at: new Date() });
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    if (err instanceof SmsProviderError && !err.retryable) return finish({ status: 'failed', error: message, body_enc: null });
    await ctx.db.updateTable('sms_messages').set({ error: message, provider: provider.name }).where('tenant_id', '=', tenantId).where('id', '=', msg.id).execute();
    throw err;
  }
}

/**
 * The outbox worker gave up on an SMS (its last retry failed): the message is `failed` for good,
 * with the last error, and its sealed text (a code or a temporary password) is dropped. Runs in
 * the transaction that marks the outbox row dead. A message already settled is left alone.
 */
export async function giveUpSms(db: Db, tenantId: string, payload: unknown, error: string): Promise<void> {
  const smsId = (payload as { smsId?: unknown } | null)?.smsId;
  if (typeof smsId !== 'string') return;
  await db
    .updateTable('sms_messages')
    .set({ status: 'failed', error: error.slice(0, 500), body_enc: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', smsId)
    .where('status', '=', 'queued')
    .execute();
}
