import type { Language } from '@porta/i18n/languages';
import { translate } from '@porta/i18n/translate';
import type { FastifySchemaValidationError } from 'fastify';
import type { ValidationDetail } from '@porta/contracts/errors';

export type FieldError = ValidationDetail;

function messageKey(e: FastifySchemaValidationError): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'invalid_type':
      return p.input === undefined ? 'required' : 'invalid_type';
    case 'too_small':
      if (p.origin === 'string' && Number(p.minimum) === 1) return 'required';
    // falls through
    case 'too_big': {
      const origin = p.origin === 'array' || p.origin === 'set' ? 'array' : p.origin === 'string' ? 'string' : 'number';
      return `${e.keyword}_${origin}`;
    }
    case 'invalid_format':
      return p.format === 'email' ? 'invalid_email' : p.format === 'uuid' ? 'invalid_uuid' : 'invalid_format';
    case 'unrecognized_keys':
    case 'invalid_value':
      return e.keyword;
    default:
      return 'other';
  }
}

/** zod issues → `[{ field, code, message }]`, with messages in the caller's language. */
export function localiseValidation(lang: Language, errors: FastifySchemaValidationError[], context: string | undefined): FieldError[] {
  return errors.map((e) => {
    const p = e.params as Record<string, unknown>;
    const path = e.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    const keys = Array.isArray(p.keys) ? p.keys.join(', ') : '';
    const key = messageKey(e);
    // Lengths and item counts are plural families (`too_small_string_one`, `_other`, …): pass `count`.
    const bound = Number(e.keyword === 'too_big' ? p.maximum : p.minimum);
    const plural = /^too_(small|big)_(string|array)$/.test(key) && Number.isFinite(bound);
    const params = { minimum: String(p.minimum ?? ''), maximum: String(p.maximum ?? ''), keys, ...(plural ? { count: bound } : {}) };
    return {
      field: [context, path].filter(Boolean).join('.') || (context ?? ''),
      code: e.keyword,
      message: translate(lang, 'errors', `validation.${key}`, params),
    };
  });
}
