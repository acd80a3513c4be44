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
  'CONTACT_HAS_TICKETS',
  'PASSWORD_INCORRECT',
  'PASSWORD_TOO_WEAK',
  'LAST_ADMIN',
  'CANNOT_DELETE_SELF',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TICKET_NOT_FOUND',
  'TICKET_BILLED',
  'FIELD_NOT_EDITABLE',
  'REOPEN_NOT_ALLOWED',
  'TICKET_NOT_OPEN',
  'STATUS_NOT_FOUND',
  'STATUS_KEY_TAKEN',
  'STATUS_IS_DEFAULT',
  'STATUS_IN_USE',
  'CUSTOM_FIELD_NOT_FOUND',
  'CUSTOM_FIELD_INVALID',
  'CUSTOM_FIELD_KEY_TAKEN',
  'FIELD_VISIBILITY_INVALID',
  'ATTACHMENT_NOT_FOUND',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_MISSING',
  'ATTACHMENT_MALFORMED',
  'CONFLICT',
  'KB_ARTICLE_NOT_FOUND',
  'KB_CATEGORY_NOT_FOUND',
  'KB_TRANSLATION_REQUIRED',
  'MAIL_ADDRESS_TAKEN',
  'WELCOME_NEEDS_NEW_PASSWORD',
  'RESET_TOKEN_INVALID',
  'OUTBOX_MAIL_NOT_FOUND',
  'MAIL_NOT_RETRYABLE',
  'INBOUND_MAIL_NOT_FOUND',
  'SOFTWARE_PACKAGE_NOT_FOUND',
  'SOFTWARE_PACKAGE_NAME_TAKEN',
  'SOFTWARE_PACKAGE_NO_MANAGER',
  'SOFTWARE_NOT_FOR_OS',
  'PHONE_INVALID',
  'PHONE_NOT_VERIFIED',
  'SMS_CODE_INVALID',
  'SMS_CODE_EXPIRED',
  'SMS_RATE_LIMITED',
  'SMS_SEND_FAILED',
  'OUTBOUND_URL_REFUSED',
  'DEVICE_NOT_FOUND',
  'SELF_SERVICE_ACTION_NOT_FOUND',
  'APPROVAL_ALREADY_DECIDED',
  'ACTION_CONFIRMATION_NOT_PENDING',
  'SELF_SERVICE_PAUSED',
  'ACTION_NOT_AVAILABLE',
  'DEVICE_REVOKED',
  'ENROLMENT_TOKEN_NOT_FOUND',
  'ENROLMENT_TOKEN_INVALID',
  'COMMAND_NOT_FOUND',
  'ASSISTANT_SESSION_NOT_FOUND',
  'MANUAL_TICKETS_DISABLED',
  'BRANDING_IMAGE_EMPTY',
  'BRANDING_IMAGE_TOO_LARGE',
  'BRANDING_IMAGE_SVG',
  'BRANDING_IMAGE_TYPE',
  'BRANDING_COLOR_CONTRAST',
  'CUSTOM_DOMAIN_INVALID',
  'CUSTOM_DOMAIN_APEX',
  'CUSTOM_DOMAIN_RESERVED',
  'CUSTOM_DOMAIN_TAKEN',
  'CUSTOM_DOMAIN_NOT_FOUND',
  'CUSTOM_DOMAIN_LIMIT',
  'WEBHOOK_NOT_FOUND',
  'WEBHOOK_DELIVERY_NOT_FOUND',
  'WEBHOOK_DELIVERY_PENDING',
  'IMPORT_FILE_TOO_LARGE',
  'IMPORT_TOO_MANY_ROWS',
  'IMPORT_CSV_EMPTY',
  'IMPORT_CSV_INVALID',
  'IMPORT_MAPPING_INVALID',
  'IMPORT_HAS_ERRORS',
  'IMPORT_CONFLICT',
  'ATERA_IMPORT_NOT_FOUND',
  'ATERA_IMPORT_RUNNING',
  'ATERA_IMPORT_NOT_RESUMABLE',
  'ATERA_KEY_REFUSED',
  'ATERA_UNREACHABLE',
  'ATERA_RATE_LIMITED',
  'ATERA_BAD_ANSWER',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * One entry of a VALIDATION_FAILED answer's `details`: `field` is the dotted path of the input
 * ("tenant.slug", "domains.2"; query and path parameters are prefixed "querystring." / "params.").
 */
export interface ValidationDetail {
  field: string;
  code: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/**
 * The parameters each message needs (#9 item 6): a code listed here must be thrown with its
 * parameters (`new AppError(code, params)` does not compile without them); a code not listed
 * takes none. `count` selects the i18next plural form (`<code>_one`, `<code>_other`, …).
 * Every language's message uses exactly these placeholders (checked in the server's tests).
 */
export interface ErrorParamsMap {
  TOO_MANY_ATTEMPTS: { count: number };
  DOMAIN_TAKEN: { domain: string };
  FIELD_NOT_EDITABLE: { field: string };
  CUSTOM_FIELD_NOT_FOUND: { field: string };
  CUSTOM_FIELD_INVALID: { field: string };
  ATTACHMENT_TOO_LARGE: { megabytes: number };
  BRANDING_IMAGE_TOO_LARGE: { kilobytes: number };
  BRANDING_IMAGE_TYPE: { types: string };
  BRANDING_COLOR_CONTRAST: { ratio: string };
  IMPORT_FILE_TOO_LARGE: { megabytes: number };
  IMPORT_TOO_MANY_ROWS: { max: number };
  IMPORT_CSV_INVALID: { line: number };
  IMPORT_MAPPING_INVALID: { field: string };
  IMPORT_HAS_ERRORS: { rows: number };
}

export type ErrorParams<C extends ErrorCode> = C extends keyof ErrorParamsMap ? ErrorParamsMap[C] : Record<string, never>;

/** The names of each code's parameters, for checks at run time. */
export const ERROR_PARAM_NAMES: { [C in keyof ErrorParamsMap]: readonly (keyof ErrorParamsMap[C])[] } = {
  TOO_MANY_ATTEMPTS: ['count'],
  DOMAIN_TAKEN: ['domain'],
  FIELD_NOT_EDITABLE: ['field'],
  CUSTOM_FIELD_NOT_FOUND: ['field'],
  CUSTOM_FIELD_INVALID: ['field'],
  ATTACHMENT_TOO_LARGE: ['megabytes'],
  BRANDING_IMAGE_TOO_LARGE: ['kilobytes'],
  BRANDING_IMAGE_TYPE: ['types'],
  BRANDING_COLOR_CONTRAST: ['ratio'],
  IMPORT_FILE_TOO_LARGE: ['megabytes'],
  IMPORT_TOO_MANY_ROWS: ['max'],
  IMPORT_CSV_INVALID: ['line'],
  IMPORT_MAPPING_INVALID: ['field'],
  IMPORT_HAS_ERRORS: ['rows'],
};
