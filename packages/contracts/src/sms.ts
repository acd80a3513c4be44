import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './common.ts';

/** SS-6: the tenant's SMS provider as the console sees it (secrets only as "is set"). */
export const smsSettingsSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('outbox') }),
  z.object({ provider: z.literal('twilio'), baseUrl: z.string(), accountSid: z.string(), from: z.string(), hasAuthToken: z.boolean() }),
  z.object({ provider: z.literal('webhook'), url: z.string(), hasSecret: z.boolean() }),
]);
export type SmsSettings = z.infer<typeof smsSettingsSchema>;

const httpsUrl = z.string().trim().max(500).pipe(z.url({ protocol: /^https?$/ }));

/** A secret left out keeps the stored one (the console never reads it back). */
export const smsSettingsBodySchema = z.discriminatedUnion('provider', [
  z.strictObject({ provider: z.literal('outbox') }),
  z.strictObject({
    provider: z.literal('twilio'),
    baseUrl: httpsUrl.default('https://api.twilio.com'),
    accountSid: z.string().trim().regex(/^[A-Za-z0-9]{8,64}$/),
    authToken: z.string().min(8).max(200).optional(),
    from: z.string().trim().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/),
  }),
  z.strictObject({ provider: z.literal('webhook'), url: httpsUrl, secret: z.string().min(16).max(200).optional() }),
]);

export const smsTestBodySchema = z.strictObject({ to: z.string().trim().min(3).max(40) });
export const smsTestAnswerSchema = z.object({ status: z.enum(['sent', 'outbox']), providerId: z.string().nullable() });

export const smsMessageSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  kind: z.enum(['phone-code', 'action-code', 'temporary-password', 'test']),
  body: z.string(),
  status: z.enum(['queued', 'sent', 'outbox', 'failed']),
  provider: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type SmsMessage = z.infer<typeof smsMessageSchema>;
export const smsOutboxQuerySchema = pageQuerySchema;
export const smsOutboxPageSchema = pageSchema(smsMessageSchema);
