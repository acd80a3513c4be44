/**
 * Stable error codes answered by the API as `{ error: { code, message, details? } }`.
 * The message is localised from `packages/i18n/locales/<lang>/errors.json` (key = code).
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'TENANT_NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_INVALID',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'TOTP_ENROLMENT_REQUIRED',
  'TOTP_ALREADY_ENABLED',
  'TOTP_NOT_PENDING',
  'API_KEY_READ_ONLY',
  'SETUP_TOKEN_INVALID',
  'SETUP_ALREADY_DONE',
  'TENANT_SLUG_TAKEN',
  'EMAIL_TAKEN',
  'DOMAIN_TAKEN',
  'USERNAME_TAKEN',
  'CUSTOMER_NOT_FOUND',
  'CONTACT_NOT_FOUND',
  'TECHNICIAN_NOT_FOUND',
  'API_KEY_NOT_FOUND',
  'CUSTOMER_HAS_CONTACTS',
  'PASSWORD_INCORRECT',
  'PASSWORD_TOO_WEAK',
  'LAST_ADMIN',
  'CANNOT_DELETE_SELF',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
