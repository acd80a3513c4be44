import { z } from 'zod';

const ref = (re: RegExp) => z.string().trim().max(200).regex(re).nullable().optional();
const simpleRef = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** SS-5: one catalogue package; at least one manager id is required (checked by the service). */
export const softwarePackageBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  chocolateyId: ref(simpleRef),
  homebrewFormula: ref(/^[a-z0-9][a-z0-9@._+-]*(\/[a-z0-9._-]+\/[a-z0-9@._+-]+)?$/),
  homebrewCask: ref(/^[a-z0-9][a-z0-9@._+-]*(\/[a-z0-9._-]+\/[a-z0-9@._+-]+)?$/),
  wingetId: ref(simpleRef),
});
export const softwarePackagePatchSchema = softwarePackageBodySchema.partial();

export const softwarePackageSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  chocolateyId: z.string().nullable(),
  homebrewFormula: z.string().nullable(),
  homebrewCask: z.string().nullable(),
  wingetId: z.string().nullable(),
  /** Which operating systems it can be installed on. */
  os: z.array(z.enum(['windows', 'macos'])),
});
export type SoftwarePackage = z.infer<typeof softwarePackageSchema>;
export const softwareListSchema = z.object({ items: z.array(softwarePackageSchema) });

/** A starter entry (shipped data) the admin may add to the catalogue. */
export const softwareStarterSchema = z.object({
  key: z.string(),
  name: z.string(),
  category: z.string(),
  chocolateyId: z.string().nullable(),
  homebrewFormula: z.string().nullable(),
  homebrewCask: z.string().nullable(),
  wingetId: z.string().nullable(),
});
export const softwareStarterListSchema = z.object({ items: z.array(softwareStarterSchema) });

/** Per-tenant private sources and the kill switch (Admin > Customer portal > Software / Self-service). */
export const selfServiceSettingsSchema = z.object({ chocolateySource: z.string().nullable(), homebrewTap: z.string().nullable(), paused: z.boolean() });
export const selfServiceSettingsPatchSchema = z.strictObject({
  chocolateySource: z.string().trim().max(500).regex(/^(https:\/\/\S+|[A-Za-z0-9._-]+)$/).nullable().optional(),
  homebrewTap: z.string().trim().max(200).regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/).nullable().optional(),
  paused: z.boolean().optional(),
});
export type SelfServiceSettings = z.infer<typeof selfServiceSettingsSchema>;
