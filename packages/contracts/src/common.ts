import { z } from 'zod';

export const LANGUAGES = ['en', 'fr', 'de', 'es', 'it'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const idSchema = z.uuid();
export const idParamsSchema = z.strictObject({ id: idSchema });

/** Offset pagination used by every console list. */
export const pageQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const nameSchema = z.string().trim().min(1).max(120);
/** Passwords chosen by people: at least 10 characters, at most 200. */
export const newPasswordSchema = z.string().min(10).max(200);
export const okSchema = z.object({ ok: z.literal(true) });
