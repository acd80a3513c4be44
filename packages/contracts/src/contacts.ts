import { z } from 'zod';
import { emailSchema, languageSchema, pageQuerySchema, pageSchema } from './common.ts';

const personName = z.string().trim().min(1).max(80);
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'E.164, for example +390212345678');

export const contactSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  username: z.string(),
  isPrimary: z.boolean(),
  language: languageSchema,
  phone: z.string().nullable(),
  /** SS-6: the mobile number the contact confirmed by SMS for self-service, or null (must enrol). */
  verifiedPhone: z.string().nullable(),
  /** "initial": the generated password is still in use; "contact": the contact set their own. */
  passwordState: z.enum(['initial', 'contact']),
  /** false = this person's e-mails never become tickets or comments. */
  emailTickets: z.boolean(),
  /** Primary contacts: notified about every ticket of their company, not only their own. */
  notifyCompanyTickets: z.boolean(),
  /** When the last welcome e-mail was queued for this contact, or null: none yet. */
  welcomeEmailSentAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const credentialsSchema = z.object({ username: z.string(), password: z.string() });
export type Credentials = z.infer<typeof credentialsSchema>;

export const contactDetailSchema = z.object({
  contact: contactSchema,
  /** Present only while the contact still uses the generated password. */
  credentials: credentialsSchema.nullable(),
});

export const contactCreateSchema = z.strictObject({
  customerId: z.uuid(),
  firstName: personName,
  lastName: personName,
  email: emailSchema,
  isPrimary: z.boolean().default(false),
  language: languageSchema.optional(),
  phone: phoneSchema.nullable().optional(),
  /** queue the welcome e-mail now (true) or not (false); left out, the tenant's setting decides. */
  sendWelcomeEmail: z.boolean().optional(),
});
/** What the new-contact form starts from (issue 9 item 5): the tenant's welcome-email setting. */
export const contactDefaultsSchema = z.object({ sendWelcomeEmail: z.boolean() });
export const contactCreatedSchema = z.object({ contact: contactSchema, credentials: credentialsSchema });

export const contactUpdateSchema = z.strictObject({
  firstName: personName.optional(),
  lastName: personName.optional(),
  email: emailSchema.optional(),
  isPrimary: z.boolean().optional(),
  language: languageSchema.optional(),
  phone: phoneSchema.nullable().optional(),
  emailTickets: z.boolean().optional(),
  notifyCompanyTickets: z.boolean().optional(),
});

export const contactListQuerySchema = pageQuerySchema.extend({ customerId: z.uuid().optional() });
export const contactPageSchema = pageSchema(contactSchema);
