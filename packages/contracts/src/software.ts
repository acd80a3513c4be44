import { z } from 'zod';
import { actionPoliciesPatchSchema, actionPoliciesSchema } from './self-service.ts';

const ref = (re: RegExp) => z.string().trim().max(200).regex(re).nullable().optional();
const simpleRef = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

const brewName = /^[a-z0-9][a-z0-9@._+-]*(\/[a-z0-9._-]+\/[a-z0-9@._+-]+)?$/;
/** Other names a contact may use for a package (issue 13 item 6): trimmed, 1–60 characters, at most 20. */
const aliasesSchema = z.array(z.string().trim().min(1).max(60)).max(20).optional();

/**
 * SS-5: one catalogue package; at least one manager id is required (checked by the service).
 * Homebrew is given either as `homebrewId` (issue 13 item 6, the pinned catalogue API: a cask
 * by default, or `formula:<name>` / `cask:<name>`) or as `homebrewFormula` / `homebrewCask`, not both.
 */
const packageFields = {
  name: z.string().trim().min(1).max(120),
  aliases: aliasesSchema,
  chocolateyId: ref(simpleRef),
  homebrewId: ref(/^((formula|cask):)?[a-z0-9][a-z0-9@._+-]*(\/[a-z0-9._-]+\/[a-z0-9@._+-]+)?$/),
  homebrewFormula: ref(brewName),
  homebrewCask: ref(brewName),
  wingetId: ref(simpleRef),
};
const oneHomebrewForm = (b: { homebrewId?: string | null | undefined; homebrewFormula?: string | null | undefined; homebrewCask?: string | null | undefined }) =>
  b.homebrewId === undefined || (b.homebrewFormula === undefined && b.homebrewCask === undefined);
export const softwarePackageBodySchema = z.strictObject(packageFields).refine(oneHomebrewForm, { path: ['homebrewId'], message: 'homebrewId or homebrewFormula/homebrewCask, not both' });
export const softwarePackagePatchSchema = z
  .strictObject({ ...packageFields, name: packageFields.name.optional() })
  .refine(oneHomebrewForm, { path: ['homebrewId'], message: 'homebrewId or homebrewFormula/homebrewCask, not both' });
export type SoftwarePackageBody = z.infer<typeof softwarePackageBodySchema>;

export const softwarePackageSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  chocolateyId: z.string().nullable(),
  homebrewFormula: z.string().nullable(),
  homebrewCask: z.string().nullable(),
  wingetId: z.string().nullable(),
  /** `homebrewCask`, or `formula:<homebrewFormula>`, or null (the catalogue API's single Homebrew field). */
  homebrewId: z.string().nullable(),
  aliases: z.array(z.string()),
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
  aliases: z.array(z.string()),
});
export const softwareStarterListSchema = z.object({ items: z.array(softwareStarterSchema) });

/** Per-tenant private sources and the kill switch (Admin > Customer portal > Software / Self-service). */
export const selfServiceSettingsSchema = z.object({ chocolateySource: z.string().nullable(), homebrewTap: z.string().nullable(), paused: z.boolean(), actionPolicies: actionPoliciesSchema });
export const selfServiceSettingsPatchSchema = z.strictObject({
  actionPolicies: actionPoliciesPatchSchema.optional(),
  chocolateySource: z.string().trim().max(500).regex(/^(https:\/\/\S+|[A-Za-z0-9._-]+)$/).nullable().optional(),
  homebrewTap: z.string().trim().max(200).regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/).nullable().optional(),
  paused: z.boolean().optional(),
});
export type SelfServiceSettings = z.infer<typeof selfServiceSettingsSchema>;
