import { z } from 'zod';
import { languageSchema, pageQuerySchema, pageSchema } from './common.ts';

/**
 * Knowledge base (KB-1..KB-3). Markdown bodies are stored as written and rendered in the
 * browser by the one safe renderer; control characters are dropped on the way in (they are
 * never text, and the search snippets use two of them as highlight markers).
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const text = (max: number) => z.string().transform((s) => s.replace(CONTROL_CHARS, '')).pipe(z.string().max(max));

export const KB_STATUSES = ['draft', 'published'] as const;
export const kbStatusSchema = z.enum(KB_STATUSES);
export type KbStatus = z.infer<typeof kbStatusSchema>;

export const kbTitleSchema = text(200).pipe(z.string().trim().min(1));
export const kbBodySchema = text(100_000);
export const kbTranslationInputSchema = z.strictObject({ title: kbTitleSchema, body: kbBodySchema });
export type KbTranslationInput = z.infer<typeof kbTranslationInputSchema>;

const tagSchema = z.string().trim().toLowerCase().min(1).max(40);
const tagsSchema = z.array(tagSchema).max(20);
/** `null`: every customer (with the KB section) sees it; otherwise only these customers (KB-2 beyond). */
export const kbAudienceSchema = z.strictObject({ customerIds: z.array(z.uuid()).min(1).max(1000) }).nullable();

export const kbArticleCreateSchema = z.strictObject({
  categoryId: z.uuid().nullable().optional(),
  status: kbStatusSchema.default('draft'),
  tags: tagsSchema.default([]),
  translations: z.partialRecord(languageSchema, kbTranslationInputSchema),
  audience: kbAudienceSchema.optional(),
});
export type KbArticleCreate = z.infer<typeof kbArticleCreateSchema>;

/** `translations.<lang> = null` removes that language; an article keeps at least one. */
export const kbArticleUpdateSchema = z.strictObject({
  categoryId: z.uuid().nullable().optional(),
  status: kbStatusSchema.optional(),
  tags: tagsSchema.optional(),
  translations: z.partialRecord(languageSchema, kbTranslationInputSchema.nullable()).optional(),
  audience: kbAudienceSchema.optional(),
});
export type KbArticleUpdate = z.infer<typeof kbArticleUpdateSchema>;

const refSchema = z.object({ id: z.uuid(), name: z.string() });

export const kbTranslationSchema = z.object({ title: z.string(), body: z.string(), updatedAt: z.iso.datetime() });

export const kbArticleSchema = z.object({
  id: z.uuid(),
  status: kbStatusSchema,
  category: refSchema.nullable(),
  tags: z.array(z.string()),
  author: refSchema.nullable(),
  audience: z.object({ customerIds: z.array(z.uuid()) }).nullable(),
  translations: z.partialRecord(languageSchema, kbTranslationSchema),
  viewCount: z.number().int(),
  votes: z.object({ helpful: z.number().int(), notHelpful: z.number().int() }),
  publishedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type KbArticle = z.infer<typeof kbArticleSchema>;

export const kbArticleSummarySchema = z.object({
  id: z.uuid(),
  /** The title in the requested language, else the tenant's default, else the first translation. */
  title: z.string(),
  language: languageSchema,
  languages: z.array(languageSchema),
  status: kbStatusSchema,
  category: refSchema.nullable(),
  tags: z.array(z.string()),
  author: refSchema.nullable(),
  restricted: z.boolean(),
  viewCount: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type KbArticleSummary = z.infer<typeof kbArticleSummarySchema>;
export const kbArticlePageSchema = pageSchema(kbArticleSummarySchema);

export const kbArticleListQuerySchema = pageQuerySchema.extend({
  categoryId: z.uuid().optional(),
  language: languageSchema.optional(),
  status: kbStatusSchema.optional(),
});
export type KbArticleListQuery = z.infer<typeof kbArticleListQuerySchema>;

// Categories: a name per language and an order.
const categoryNamesSchema = z.partialRecord(languageSchema, z.string().trim().min(1).max(80));
export const kbCategorySchema = z.object({
  id: z.uuid(),
  names: categoryNamesSchema,
  /** The name in the caller's language (else the tenant's default, else any). */
  name: z.string(),
  position: z.number().int(),
  articleCount: z.number().int(),
});
export type KbCategory = z.infer<typeof kbCategorySchema>;
export const kbCategoryListSchema = z.object({ items: z.array(kbCategorySchema) });
export const kbCategoryCreateSchema = z.strictObject({ names: categoryNamesSchema, position: z.number().int().min(0).max(10_000).optional() });
export const kbCategoryUpdateSchema = z.strictObject({ names: categoryNamesSchema.optional(), position: z.number().int().min(0).max(10_000).optional() });

export const kbSettingsSchema = z.object({ externalImages: z.boolean() });
export const kbSettingsPatchSchema = z.strictObject({ externalImages: z.boolean() });
export type KbSettings = z.infer<typeof kbSettingsSchema>;

// Portal (contacts).
/** Queries past 200 characters are refused (400); under two characters they answer nothing. */
export const KB_QUERY_MAX = 200;
export const portalKbListQuerySchema = z.strictObject({
  q: z.string().max(KB_QUERY_MAX).optional(),
  categoryId: z.uuid().optional(),
  sort: z.enum(['popular', 'recent']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type PortalKbListQuery = z.infer<typeof portalKbListQuerySchema>;

export const portalKbItemSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  /** Plain text; `highlights` are [start, end) offsets of the matched words in it. */
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** [start, end) offsets of the matched words (corrected ones included) in `title`; empty outside search. */
  titleHighlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  language: languageSchema,
  /** Shown in the tenant's default language because the contact's is missing. */
  fallback: z.boolean(),
  categoryId: z.uuid().nullable(),
  updatedAt: z.iso.datetime(),
});
export type PortalKbItem = z.infer<typeof portalKbItemSchema>;
/** `corrected`: the query with its corrected words ("showing results for …"), null when nothing was corrected or no query was given. */
export const portalKbListSchema = z.object({ items: z.array(portalKbItemSchema), corrected: z.string().nullable() });
export type PortalKbList = z.infer<typeof portalKbListSchema>;

export const portalKbArticleSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  language: languageSchema,
  requestedLanguage: languageSchema,
  fallback: z.boolean(),
  category: refSchema.nullable(),
  tags: z.array(z.string()),
  updatedAt: z.iso.datetime(),
  /** The tenant lets articles show images from other sites. */
  externalImages: z.boolean(),
  /** This contact's answer to "was this helpful?", if any. */
  myVote: z.boolean().nullable(),
});
export type PortalKbArticle = z.infer<typeof portalKbArticleSchema>;

export const portalKbCategoryListSchema = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), articleCount: z.number().int() })) });
export const kbVoteSchema = z.strictObject({ helpful: z.boolean() });
export const kbVoteAnswerSchema = z.object({ myVote: z.boolean() });
