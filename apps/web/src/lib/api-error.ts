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

  constructor(options: { status: number; code: string; message: string; area: ApiArea; fieldIssues?: FieldIssue[] }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.area = options.area;
    this.fieldIssues = options.fieldIssues ?? [];
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const issueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])).transform((path) => path.map(String)),
  message: z.string(),
});

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
