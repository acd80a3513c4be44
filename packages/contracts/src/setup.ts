import { z } from 'zod';
import { emailSchema, nameSchema, newPasswordSchema } from './common.ts';

export const tenantSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens');

export const setupStatusSchema = z.object({ needed: z.boolean() });

export const setupBodySchema = z.strictObject({
  token: z.string().min(1).max(200),
  tenant: z.strictObject({ slug: tenantSlugSchema, name: nameSchema }),
  admin: z.strictObject({ name: nameSchema, email: emailSchema, password: newPasswordSchema }),
});
export type SetupBody = z.infer<typeof setupBodySchema>;

export const tenantSchema = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });
export type Tenant = z.infer<typeof tenantSchema>;
