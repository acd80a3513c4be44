import type { SmsSettings, smsSettingsBodySchema } from '@porta/contracts/sms';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { decrypt, encrypt } from '../../platform/crypto/keys.ts';
import { AppError } from '../../platform/errors.ts';
import { checkOutboundUrl, OutboundRefused } from '../../platform/net/outbound-guard.ts';
import { outboxProvider, type SmsProvider } from '../../platform/sms/provider.ts';
import { twilioProvider } from '../../platform/sms/twilio.ts';
import { webhookProvider } from '../../platform/sms/webhook.ts';

/** What is stored in `sms_settings.settings`: secrets sealed with the app key. */
const storedSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('outbox') }),
  z.object({ provider: z.literal('twilio'), baseUrl: z.string(), accountSid: z.string(), from: z.string(), authTokenEnc: z.string() }),
  z.object({ provider: z.literal('webhook'), url: z.string(), secretEnc: z.string() }),
]);
type Stored = z.infer<typeof storedSchema>;

async function readStored(ctx: AppContext, tenantId: string): Promise<Stored> {
  const row = await ctx.db.selectFrom('sms_settings').select('settings').where('tenant_id', '=', tenantId).executeTakeFirst();
  const parsed = storedSchema.safeParse(row?.settings);
  return parsed.success ? parsed.data : { provider: 'outbox' };
}

function present(s: Stored): SmsSettings {
  if (s.provider === 'twilio') return { provider: 'twilio', baseUrl: s.baseUrl, accountSid: s.accountSid, from: s.from, hasAuthToken: true };
  if (s.provider === 'webhook') return { provider: 'webhook', url: s.url, hasSecret: true };
  return { provider: 'outbox' };
}

export async function getSmsSettings(ctx: AppContext, tenantId: string): Promise<SmsSettings> {
  return present(await readStored(ctx, tenantId));
}

function assertReachable(ctx: AppContext, url: string): void {
  try {
    checkOutboundUrl(url, ctx.config.outboundAllowPrivate);
  } catch (err) {
    if (err instanceof OutboundRefused || err instanceof TypeError) throw new AppError('OUTBOUND_URL_REFUSED');
    throw err;
  }
}

/** Saves the provider; a secret left out keeps the one stored for the same provider. */
export async function updateSmsSettings(ctx: AppContext, tenantId: string, body: z.infer<typeof smsSettingsBodySchema>): Promise<SmsSettings> {
  const current = await readStored(ctx, tenantId);
  let next: Stored;
  if (body.provider === 'twilio') {
    assertReachable(ctx, body.baseUrl);
    const authTokenEnc = body.authToken !== undefined ? encrypt(ctx.keys, body.authToken) : current.provider === 'twilio' ? current.authTokenEnc : null;
    if (!authTokenEnc) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'authToken', message: 'required' }]);
    next = { provider: 'twilio', baseUrl: body.baseUrl, accountSid: body.accountSid, from: body.from, authTokenEnc };
  } else if (body.provider === 'webhook') {
    assertReachable(ctx, body.url);
    const secretEnc = body.secret !== undefined ? encrypt(ctx.keys, body.secret) : current.provider === 'webhook' ? current.secretEnc : null;
    if (!secretEnc) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'secret', message: 'required' }]);
    next = { provider: 'webhook', url: body.url, secretEnc };
  } else {
    next = { provider: 'outbox' };
  }
  const settings = JSON.stringify(next);
  await ctx.db
    .insertInto('sms_settings')
    .values({ tenant_id: tenantId, settings, updated_at: new Date() })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ settings, updated_at: new Date() }))
    .execute();
  return present(next);
}

/** The tenant's provider, ready to send (the console outbox when none is configured). */
export async function providerFor(ctx: AppContext, tenantId: string): Promise<SmsProvider> {
  const s = await readStored(ctx, tenantId);
  const allow = ctx.config.outboundAllowPrivate;
  if (s.provider === 'twilio') return twilioProvider({ baseUrl: s.baseUrl, accountSid: s.accountSid, from: s.from, authToken: decrypt(ctx.keys, s.authTokenEnc) }, allow);
  if (s.provider === 'webhook') return webhookProvider({ url: s.url, secret: decrypt(ctx.keys, s.secretEnc) }, allow);
  return outboxProvider;
}
