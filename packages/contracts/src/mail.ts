import { z } from 'zod';
import { emailSchema, languageSchema, newPasswordSchema, pageQuerySchema, pageSchema } from './common.ts';

/** Issue 5: e-mail in and out (A-2, A-3, A-4, T-9). */

const hostSchema = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$/);
const portSchema = z.number().int().min(1).max(65535);
const secretSchema = z.string().min(1).max(500);

export const smtpSettingsSchema = z.object({ host: z.string(), port: z.number().int(), secure: z.boolean(), user: z.string().nullable(), passwordSet: z.boolean() });
export const imapSettingsSchema = smtpSettingsSchema.extend({ mailbox: z.string() });

export const unknownSenderPolicySchema = z.enum(['triage', 'reject']);

export const mailSettingsSchema = z.object({
  /** The portal's public address; links in mails (reset, tickets) are built from it, never from a request. */
  portalAddress: z.string().nullable(),
  /** What links use when no address is set. */
  effectivePortalAddress: z.string(),
  fromName: z.string().nullable(),
  fromAddress: z.string().nullable(),
  smtp: smtpSettingsSchema.nullable(),
  imap: imapSettingsSchema.nullable(),
  unknownSenders: unknownSenderPolicySchema,
  /** `<slug>@<PORTA_MAIL_DOMAIN>`: always taken by the built-in receiver. */
  defaultInboundAddress: z.string(),
  inboundAddresses: z.array(z.string()),
  /** Where mail goes now: the tenant's SMTP, the global relay, or nowhere (kept in the outbox). */
  delivery: z.enum(['tenant', 'relay', 'none']),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

const serverPatch = z.strictObject({
  host: hostSchema,
  port: portSchema,
  secure: z.boolean().default(false),
  user: z.string().trim().max(320).nullable().optional(),
  /** Omitted: keep the saved password. */
  password: secretSchema.nullable().optional(),
});

export const mailSettingsPatchSchema = z.strictObject({
  portalAddress: z
    .string()
    .trim()
    .max(300)
    .pipe(z.url({ protocol: /^https?$/ }))
    .nullable()
    .optional(),
  fromName: z.string().trim().min(1).max(120).nullable().optional(),
  fromAddress: emailSchema.nullable().optional(),
  smtp: serverPatch.nullable().optional(),
  imap: serverPatch.extend({ mailbox: z.string().trim().min(1).max(200).default('INBOX') }).nullable().optional(),
  unknownSenders: unknownSenderPolicySchema.optional(),
  inboundAddresses: z.array(emailSchema).max(50).optional(),
});

export const mailTemplateSchema = z.strictObject({ subject: z.string().trim().min(1).max(200), body: z.string().min(1).max(20_000) });
export type MailTemplate = z.infer<typeof mailTemplateSchema>;

export const welcomePreviewBodySchema = z.strictObject({ language: languageSchema, subject: z.string().max(200).optional(), body: z.string().max(20_000).optional() });
export const welcomePreviewSchema = z.object({ subject: z.string(), body: z.string() });

export const outboxStatusSchema = z.enum(['pending', 'done', 'dead', 'held']);
export const outboxListQuerySchema = pageQuerySchema.extend({ status: outboxStatusSchema.optional() });
export const outboxMailSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  messageId: z.string(),
  status: outboxStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  processedAt: z.string().nullable(),
});
export const outboxPageSchema = pageSchema(outboxMailSchema);
/** The body is shown while the mail waits; a mail holding credentials or a reset link is blanked once sent. */
export const outboxMailDetailSchema = outboxMailSchema.extend({ body: z.string().nullable(), headers: z.record(z.string(), z.string()) });

export const inboundStatusSchema = z.enum(['ticket', 'comment', 'ignored', 'rejected', 'failed']);
export const inboundListQuerySchema = pageQuerySchema.extend({ status: inboundStatusSchema.optional() });
export const inboundMailSchema = z.object({
  id: z.uuid(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  messageId: z.string().nullable(),
  status: inboundStatusSchema,
  reason: z.string().nullable(),
  ticketId: z.uuid().nullable(),
  receivedAt: z.string(),
});
export const inboundPageSchema = pageSchema(inboundMailSchema);

export const welcomeSendBodySchema = z
  .strictObject({
    /** The contact already chose a password: say yes to replace it with a new generated one. */
    regeneratePassword: z.boolean().optional(),
  })
  .nullish();

export const forgotPasswordBodySchema = z.strictObject({ login: z.string().trim().min(1).max(254) });
export const resetPasswordBodySchema = z.strictObject({ token: z.string().min(10).max(200), newPassword: newPasswordSchema });

/** A primary contact's own choice: mail about every ticket of the company, not only their own. */
export const portalMailPrefsSchema = z.object({ notifyCompanyTickets: z.boolean(), canNotifyCompany: z.boolean() });
export const portalMailPrefsPatchSchema = z.strictObject({ notifyCompanyTickets: z.boolean() });
