import type { ErrorCode, ErrorParams, ErrorParamsMap } from '@porta/contracts/errors';
import type { Language } from '@porta/i18n/languages';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  PASSWORD_TOO_WEAK: 400,
  PASSWORD_INCORRECT: 400,
  TOTP_NOT_PENDING: 400,
  TOTP_INVALID: 401,
  TOTP_REQUIRED: 401,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SETUP_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  API_KEY_READ_ONLY: 403,
  TOTP_ENROLMENT_REQUIRED: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  FIELD_NOT_EDITABLE: 403,
  ATTACHMENT_TOO_LARGE: 413,
  CUSTOM_FIELD_INVALID: 400,
  FIELD_VISIBILITY_INVALID: 400,
  ATTACHMENT_MISSING: 400,
  ATTACHMENT_MALFORMED: 400,
  SMS_RATE_LIMITED: 429,
  PHONE_NOT_VERIFIED: 409,
  SELF_SERVICE_PAUSED: 409,
  MANUAL_TICKETS_DISABLED: 403,
  ENROLMENT_TOKEN_INVALID: 401,
  BRANDING_IMAGE_EMPTY: 400,
  BRANDING_IMAGE_TOO_LARGE: 413,
  BRANDING_IMAGE_SVG: 415,
  BRANDING_IMAGE_TYPE: 415,
  BRANDING_COLOR_CONTRAST: 400,
  IMPORT_FILE_TOO_LARGE: 413,
  IMPORT_HAS_ERRORS: 422,
  INTERNAL: 500,
};

const CONFLICTS: ErrorCode[] = [
  'CONFLICT',
  'USERNAME_TAKEN',
  'SETUP_ALREADY_DONE',
  'TENANT_SLUG_TAKEN',
  'EMAIL_TAKEN',
  'DOMAIN_TAKEN',
  'CUSTOMER_HAS_CONTACTS',
  'CONTACT_HAS_TICKETS',
  'TOTP_ALREADY_ENABLED',
  'LAST_ADMIN',
  'CANNOT_DELETE_SELF',
  'TICKET_BILLED',
  'REOPEN_NOT_ALLOWED',
  'TICKET_NOT_OPEN',
  'STATUS_KEY_TAKEN',
  'STATUS_IS_DEFAULT',
  'STATUS_IN_USE',
  'CUSTOM_FIELD_KEY_TAKEN',
  'MAIL_ADDRESS_TAKEN',
  'WELCOME_NEEDS_NEW_PASSWORD',
  'MAIL_NOT_RETRYABLE',
  'SOFTWARE_PACKAGE_NAME_TAKEN',
  'DEVICE_REVOKED',
  'APPROVAL_ALREADY_DECIDED',
  'ACTION_CONFIRMATION_NOT_PENDING',
  'CUSTOM_DOMAIN_TAKEN',
  'CUSTOM_DOMAIN_LIMIT',
  'WEBHOOK_DELIVERY_PENDING',
  'IMPORT_CONFLICT',
  'ATERA_IMPORT_RUNNING',
  'ATERA_IMPORT_NOT_RESUMABLE',
];

export function statusOf(code: ErrorCode): number {
  if (STATUS[code]) return STATUS[code];
  if (code.endsWith('NOT_FOUND')) return 404;
  if (CONFLICTS.includes(code)) return 409;
  return 400;
}

/** A code with parameters must be given them; a code without takes none (ErrorParamsMap). */
export type AppErrorArgs<C extends ErrorCode> = C extends keyof ErrorParamsMap ? [params: ErrorParams<C>, details?: unknown] : [params?: ErrorParams<C>, details?: unknown];

/**
 * The one error type services throw. The HTTP layer turns it into
 * `{ error: { code, message, details? } }` with the message in the caller's language.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Readonly<Record<string, string | number>>;
  readonly details: unknown;

  constructor(code: C, ...[params, details]: AppErrorArgs<C>) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = statusOf(code);
    this.params = params ?? {};
    this.details = details;
  }

  /** A message and details of its own in the caller's language (default: the catalogue's text for the code, and `details` as given). */
  localised(_lang: Language): { message?: string; details?: unknown } {
    return {};
  }
}

/** A 404 for a code that takes no parameters. */
export const notFound = (code: Exclude<ErrorCode, keyof ErrorParamsMap> & `${string}NOT_FOUND` = 'NOT_FOUND') => new AppError(code);

/** A row still referenced by another: 23503 (NO ACTION) or 23001 (ON DELETE RESTRICT). */
export function isStillReferenced(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '23503' || code === '23001';
}

/** PostgreSQL unique violation on a named index/constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
