import { z } from 'zod';

/** Issue 15 item 5: importing customers, contacts, tickets (with comments) and KB articles from Atera's REST API. */

/** Where Atera's API lives unless the admin names another address (a proxy, a test stand-in). */
export const ATERA_DEFAULT_BASE_URL = 'https://app.atera.com/api/v3/';

export const ATERA_RESOURCES = ['customers', 'contacts', 'tickets', 'comments', 'articles'] as const;
export const ateraResourceSchema = z.enum(ATERA_RESOURCES);
export type AteraResource = z.infer<typeof ateraResourceSchema>;

export const ateraJobStatusSchema = z.enum(['running', 'failed', 'cancelled', 'done']);
export type AteraJobStatus = z.infer<typeof ateraJobStatusSchema>;

export const ateraPhaseSchema = z.enum([...ATERA_RESOURCES, 'finished']);

const apiKeySchema = z.string().trim().min(1).max(500);

export const ateraImportStartSchema = z.strictObject({
  apiKey: apiKeySchema,
  /** Atera's API unless given: `https://…/api/v3/`. */
  baseUrl: z.string().trim().max(500).pipe(z.url({ protocol: /^https?$/ })).optional(),
});
export type AteraImportStart = z.infer<typeof ateraImportStartSchema>;

/** Resume a stopped import, with a new API key if the old one was refused. */
export const ateraImportResumeSchema = z.strictObject({ apiKey: apiKeySchema.optional() });
export type AteraImportResume = z.infer<typeof ateraImportResumeSchema>;

export const ateraCountSchema = z.object({
  /** New Porta rows written. */
  imported: z.number().int(),
  /** Atera objects that were already in Porta (imported before, or a contact with the same e-mail). */
  matched: z.number().int(),
  /** Atera objects left out (no e-mail, no customer, …). */
  skipped: z.number().int(),
  /** What Atera said it holds (`totalItemCount`), once its first page was read; comments have none. */
  total: z.number().int().nullable(),
});
export type AteraCount = z.infer<typeof ateraCountSchema>;

export const ateraImportJobSchema = z.object({
  id: z.uuid(),
  status: ateraJobStatusSchema,
  baseUrl: z.string(),
  /** The resource being read now (`finished` once done). */
  phase: ateraPhaseSchema,
  /** The Atera page to read next in `phase`. */
  page: z.number().int(),
  counts: z.record(ateraResourceSchema, ateraCountSchema),
  /** Why the import stopped or waits: a stable error code, its message in the caller's language, and what happened (technical, English). */
  lastError: z.object({ code: z.string(), message: z.string(), detail: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AteraImportJob = z.infer<typeof ateraImportJobSchema>;

/** The tenant's latest import, or null when none was ever started. */
export const ateraImportStatusSchema = z.object({ job: ateraImportJobSchema.nullable() });
export type AteraImportStatus = z.infer<typeof ateraImportStatusSchema>;
