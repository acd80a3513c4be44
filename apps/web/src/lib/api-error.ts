import { z } from 'zod';

export type ApiArea = 'console' | 'portal' | 'public';

export interface FieldIssue {
  path: string[];
  message: string;
}

/** A failed API call: `code` is the server's stable error code, `message` is already localised. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly area: ApiArea;
  readonly fieldIssues: FieldIssue[];
  /** The `field` of each VALIDATION_FAILED detail (`params.id`, `body.name`). */
  readonly detailFields: string[];

  constructor(options: { status: number; code: string; message: string; area: ApiArea; fieldIssues?: FieldIssue[]; detailFields?: string[] }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.area = options.area;
    this.fieldIssues = options.fieldIssues ?? [];
    this.detailFields = options.detailFields ?? [];
  }
}

/**
 * #9 item 6: the object a page asked for does not exist: a 404, or an id in the address the
 * server refuses as malformed (`/tickets/999999`: VALIDATION_FAILED on `params` only).
 */
export function isNotFoundError(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 404) return true;
  return error.code === 'VALIDATION_FAILED' && error.detailFields.length > 0 && error.detailFields.every((f) => f === 'params' || f.startsWith('params.'));
}

/** The `field` of each detail of an error answer (anything malformed is ignored). */
export function parseDetailFields(details: unknown): string[] {
  const parsed = z.array(z.object({ field: z.string() })).safeParse(details);
  return parsed.success ? parsed.data.map((d) => d.field) : [];
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A VALIDATION_FAILED detail (`ValidationDetail` in contracts): its dotted `field` becomes a path. */
const issueSchema = z.object({ field: z.string(), message: z.string() }).transform(({ field, message }) => ({ path: field.split('.').filter(Boolean), message }));

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** Field issues of a VALIDATION_FAILED answer (anything malformed is ignored). */
export function parseFieldIssues(details: unknown): FieldIssue[] {
  const parsed = z.array(issueSchema).safeParse(details);
  return parsed.success ? parsed.data : [];
}
