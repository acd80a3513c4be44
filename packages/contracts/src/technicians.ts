import { z } from 'zod';
import { emailSchema, languageSchema, nameSchema, newPasswordSchema, pageQuerySchema, pageSchema } from './common.ts';

export const technicianSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  isAdmin: z.boolean(),
  language: languageSchema,
  totpEnabled: z.boolean(),
  createdAt: z.string(),
});
export type Technician = z.infer<typeof technicianSchema>;

export const technicianCreateSchema = z.strictObject({
  name: nameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  isAdmin: z.boolean().default(false),
  language: languageSchema.default('en'),
});
export const technicianUpdateSchema = z.strictObject({
  name: nameSchema.optional(),
  email: emailSchema.optional(),
  isAdmin: z.boolean().optional(),
  language: languageSchema.optional(),
  /** Admin resets a lost authenticator: the technician enrols again at next sign-in. */
  resetTotp: z.literal(true).optional(),
});
export const technicianListQuerySchema = pageQuerySchema;
export const technicianPageSchema = pageSchema(technicianSchema);

export const meUpdateSchema = z.strictObject({ name: nameSchema.optional(), language: languageSchema.optional() });
