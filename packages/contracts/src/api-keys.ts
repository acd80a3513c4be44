import { z } from 'zod';
import { nameSchema } from './common.ts';

export const apiKeyScopeSchema = z.enum(['read', 'write']);
export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scope: apiKeyScopeSchema,
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.string(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeyCreateSchema = z.strictObject({ name: nameSchema, scope: apiKeyScopeSchema });
/** The secret is answered once, at creation; only its hash is stored. */
export const apiKeyCreatedSchema = z.object({ apiKey: apiKeySchema, secret: z.string() });
export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });
