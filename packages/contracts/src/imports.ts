import { z } from 'zod';

/** Issue 15 item 5: CSV imports of customers (with domains) and contacts. docs/IMPORTS.md. */
export const IMPORT_KINDS = ['customers', 'contacts'] as const;
export const importKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKindSchema>;

/** The fields a column can be mapped to, per kind, in the order the console lists them. */
export const IMPORT_FIELDS = {
  customers: ['name', 'domains'],
  contacts: ['email', 'firstName', 'lastName', 'customer', 'language', 'isPrimary', 'phone'],
} as const satisfies Record<ImportKind, readonly string[]>;
export type ImportField = (typeof IMPORT_FIELDS)[ImportKind][number];

/** The fields a row cannot do without (`firstName`/`lastName`/`customer` only when the contact is new). */
export const IMPORT_REQUIRED_FIELDS: Record<ImportKind, readonly ImportField[]> = { customers: ['name'], contacts: ['email'] };

/** Limits of one file: 10 MB of UTF-8 text, 50,000 data rows, 200 columns. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;
export const IMPORT_MAX_COLUMNS = 200;
/** A report lists at most this many row errors (its counts cover all of them). */
export const IMPORT_MAX_REPORTED_ERRORS = 500;

/** The file's text (UTF-8). Its size is checked by the service: over IMPORT_MAX_BYTES is IMPORT_FILE_TOO_LARGE. */
const content = z.string().min(1);
const column = z.number().int().min(0).max(IMPORT_MAX_COLUMNS - 1);

/** Which column (0-based) feeds each field; a field left out is not imported. */
export const importMappingSchema = z.strictObject({
  name: column.optional(),
  domains: column.optional(),
  email: column.optional(),
  firstName: column.optional(),
  lastName: column.optional(),
  customer: column.optional(),
  language: column.optional(),
  isPrimary: column.optional(),
  phone: column.optional(),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const importPreviewBodySchema = z.strictObject({ kind: importKindSchema, content });

export const importPreviewSchema = z.object({
  kind: importKindSchema,
  delimiter: z.enum([',', ';', '\t']),
  headers: z.array(z.string()),
  /** Data rows, the header not counted. */
  rowCount: z.number().int(),
  /** The first data rows as read, for the console's preview table. */
  sample: z.array(z.array(z.string())),
  /** The mapping guessed from the header names (in any of the five languages). */
  mapping: importMappingSchema,
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importRunBodySchema = z.strictObject({
  kind: importKindSchema,
  content,
  mapping: importMappingSchema,
  /** A row whose e-mail (contacts) or name (customers) exists already: update it, or leave it as it is. */
  duplicates: z.enum(['update', 'skip']).default('skip'),
  /** Contacts only: queue the welcome e-mail for each contact created. Default: none sent. */
  sendWelcomeEmail: z.boolean().default(false),
  /** true: check every row and count what would happen, change nothing. */
  dryRun: z.boolean().default(true),
});
export type ImportRunBody = z.infer<typeof importRunBodySchema>;

export const IMPORT_ROW_ERRORS = [
  'REQUIRED',
  'TOO_LONG',
  'INVALID_EMAIL',
  'INVALID_DOMAIN',
  'INVALID_LANGUAGE',
  'INVALID_BOOLEAN',
  'INVALID_PHONE',
  'TOO_MANY_DOMAINS',
  'DUPLICATE_IN_FILE',
  'DOMAIN_TAKEN',
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_AMBIGUOUS',
] as const;
export type ImportRowErrorCode = (typeof IMPORT_ROW_ERRORS)[number];

export const importRowErrorSchema = z.object({
  /** The spreadsheet row: the header is row 1, the first data row is row 2. */
  row: z.number().int(),
  field: z.string(),
  /** The mapped column (0-based). */
  column: z.number().int().nullable(),
  code: z.enum(IMPORT_ROW_ERRORS),
  /** The code's text in the caller's language. */
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importCountsSchema = z.object({
  rows: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  skip: z.number().int(),
  /** Rows with at least one error. */
  error: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importReportSchema = z.object({
  kind: importKindSchema,
  dryRun: z.boolean(),
  /** true once the rows are written (never for a dry run, nor when any row has an error). */
  committed: z.boolean(),
  counts: importCountsSchema,
  /** At most IMPORT_MAX_REPORTED_ERRORS, in row order. */
  errors: z.array(importRowErrorSchema),
  durationMs: z.number().int(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/**
 * One line of the `application/x-ndjson` answer of a real run (Accept: application/x-ndjson):
 * `progress` lines while rows are written, then one `result` (the report) or `error` line.
 */
export type ImportStreamLine =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; report: ImportReport }
  | { type: 'error'; code: string; message: string };
