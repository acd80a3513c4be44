import { z } from 'zod';
import { emailSchema, languageSchema, newPasswordSchema } from './common.ts';

export const techLoginBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200),
  totp: z.string().trim().min(6).max(20).optional(),
});

export const contactLoginBodySchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** Optional body: Fastify hands a request without one to the validator as `null`, hence nullish. */
export const logoutBodySchema = z.strictObject({ everywhere: z.boolean().optional() }).nullish();

export const technicianUserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  isAdmin: z.boolean(),
  language: languageSchema,
  totpEnabled: z.boolean(),
  /** True while the tenant requires TOTP and this technician has not enrolled yet. */
  totpEnrolmentRequired: z.boolean(),
  tenant: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), requireTotp: z.boolean() }),
});
export type TechnicianUser = z.infer<typeof technicianUserSchema>;

export const techSessionSchema = z.object({ user: technicianUserSchema, csrfToken: z.string() });
export type TechSession = z.infer<typeof techSessionSchema>;

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});

export const totpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const totpEnableBodySchema = z.strictObject({ code: z.string().trim().min(6).max(8) });
export const totpEnableResultSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const totpDisableBodySchema = z.strictObject({ password: z.string().min(1).max(200) });

export const securitySettingsSchema = z.object({ requireTotp: z.boolean() });
export const securitySettingsPatchSchema = z.strictObject({ requireTotp: z.boolean() });
