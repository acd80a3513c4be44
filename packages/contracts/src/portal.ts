import { z } from 'zod';
import { languageSchema, newPasswordSchema } from './common.ts';
import { phoneSchema } from './contacts.ts';

export const portalSectionsSchema = z.object({
  tickets: z.boolean(),
  kb: z.boolean(),
  assistant: z.boolean(),
  selfService: z.boolean(),
});

export const portalUserSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  username: z.string(),
  language: languageSchema,
  phone: z.string().nullable(),
  isPrimary: z.boolean(),
  customer: z.object({ id: z.uuid(), name: z.string() }),
  tenant: z.object({ slug: z.string(), name: z.string() }),
  sections: portalSectionsSchema,
  /** AI-4: false when the tenant sends contacts to the assistant instead of a New ticket form. */
  manualTickets: z.boolean(),
});
export type PortalUser = z.infer<typeof portalUserSchema>;

export const portalMeSchema = portalUserSchema.extend({ csrfToken: z.string() });
export type PortalMe = z.infer<typeof portalMeSchema>;
export const portalSessionSchema = z.object({ user: portalUserSchema, csrfToken: z.string() });

export const portalMePatchSchema = z.strictObject({
  language: languageSchema.optional(),
  phone: phoneSchema.nullable().optional(),
});
export const portalPasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});

/** Public branding shown on the sign-in pages before anyone is signed in. */
export const tenantInfoSchema = z.object({ name: z.string(), slug: z.string(), defaultLanguage: languageSchema });
