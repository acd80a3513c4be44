import type { Language } from '@porta/contracts/common';
import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import { encrypt } from '../../platform/crypto/keys.ts';
import { AppError } from '../../platform/errors.ts';
import { SmsProviderError } from '../../platform/sms/provider.ts';
import { toE164 } from '../phone-verification/phone-number.ts';
import { providerFor } from './sms-settings.service.ts';

/** The settings page's "send a test": sent at once (not queued) so the admin sees the provider's answer. */
export async function sendTestSms(ctx: AppContext, tenantId: string, rawTo: string, language: Language): Promise<{ status: 'sent' | 'outbox'; providerId: string | null }> {
  const to = toE164(rawTo, language);
  if (!to) throw new AppError('PHONE_INVALID');
  const tenant = await ctx.db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow();
  const text = translate(language, 'mail', 'sms.test', { company: tenant.name });
  const provider = await providerFor(ctx, tenantId);
  const row = await ctx.db
    .insertInto('sms_messages')
    .values({ tenant_id: tenantId, contact_id: null, to_e164: to, kind: 'test', body: text, body_enc: encrypt(ctx.keys, text), provider: provider.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    const { providerId } = await provider.send({ id: row.id, to, body: text });
    const status = provider.name === 'outbox' ? 'outbox' : 'sent';
    await ctx.db.updateTable('sms_messages').set({ status, provider_id: providerId, sent_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
    return { status, providerId };
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    await ctx.db.updateTable('sms_messages').set({ status: 'failed', error: message }).where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
    if (err instanceof SmsProviderError) throw new AppError('SMS_SEND_FAILED', {}, { provider: message });
    throw err;
  }
}
