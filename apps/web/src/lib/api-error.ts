import type { ValidationDetail } from '@porta/contracts/errors';

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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The parts of an error answer (`{ error: { code, message, details? } }`), or null. Checked by
 * hand, not with zod: every page's error path runs through here, and zod is not loaded with
 * the first page (#9 item 7).
 */
export function parseErrorBody(payload: unknown): { code: string; message: string; details: unknown } | null {
  const error = isRecord(payload) ? payload.error : undefined;
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') return null;
  return { code: error.code, message: error.message, details: error.details };
}

/** The `field` of each detail of an error answer (anything malformed is ignored). */
export function parseDetailFields(details: unknown): string[] {
  if (!Array.isArray(details) || !details.every((d) => isRecord(d) && typeof d.field === 'string')) return [];
  return details.map((d: { field: string }) => d.field);
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Field issues of a VALIDATION_FAILED answer (anything malformed is ignored). */
export function parseFieldIssues(details: unknown): FieldIssue[] {
  // The server's shape (`ValidationDetail` in contracts): a dotted `field` becomes a path.
  const isIssue = (d: unknown): d is Pick<ValidationDetail, 'field' | 'message'> => isRecord(d) && typeof d.message === 'string' && typeof d.field === 'string';
  if (!Array.isArray(details) || !details.every(isIssue)) return [];
  return details.map((d) => ({ path: d.field.split('.').filter(Boolean), message: d.message }));
}
