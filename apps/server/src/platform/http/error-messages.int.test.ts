import { ERROR_CODES, ERROR_PARAM_NAMES, type ErrorCode, type ErrorParamsMap } from '@porta/contracts/errors';
import { CATALOGUES } from '@porta/i18n/catalogues';
import { LANGUAGES } from '@porta/i18n/languages';
import { flatten } from '@porta/i18n/parity';
import { splitPluralKey } from '@porta/i18n/plurals';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, type AppErrorArgs, statusOf } from '../errors.ts';
import { useTestApp } from '../../test/harness.ts';

/**
 * #9 item 6: no message ever shows a raw `{{placeholder}}`. Every error code is thrown through
 * the real app's error handler in every language, with the parameters its throw sites must
 * pass (ErrorParamsMap: the compiler refuses `new AppError(code)` without them), and every
 * validation detail is produced by a real zod schema on a real route.
 */

/** One sample per code that takes parameters; typed, so a new entry in ErrorParamsMap must be added here. */
const SAMPLE_PARAMS: { [C in keyof ErrorParamsMap]: ErrorParamsMap[C] } = {
  TOO_MANY_ATTEMPTS: { count: 44 },
  DOMAIN_TAKEN: { domain: 'acme.example' },
  FIELD_NOT_EDITABLE: { field: 'Cost centre' },
  CUSTOM_FIELD_NOT_FOUND: { field: 'costCentre' },
  CUSTOM_FIELD_INVALID: { field: 'Cost centre' },
  ATTACHMENT_TOO_LARGE: { megabytes: 25 },
  BRANDING_IMAGE_TOO_LARGE: { kilobytes: 512 },
  BRANDING_IMAGE_TYPE: { types: 'PNG, JPEG, WebP' },
  BRANDING_COLOR_CONTRAST: { ratio: '3.12' },
  IMPORT_FILE_TOO_LARGE: { megabytes: 10 },
  IMPORT_TOO_MANY_ROWS: { max: 50000 },
  IMPORT_CSV_INVALID: { line: 12 },
  IMPORT_MAPPING_INVALID: { field: 'email' },
  IMPORT_HAS_ERRORS: { rows: 3 },
};

function hasParams(code: ErrorCode): code is keyof ErrorParamsMap {
  return code in SAMPLE_PARAMS;
}

function appErrorFor(code: ErrorCode, count?: number): AppError {
  if (!hasParams(code)) return new AppError(code);
  const params = code === 'TOO_MANY_ATTEMPTS' && count !== undefined ? { count } : SAMPLE_PARAMS[code];
  return new AppError(code, ...([params] as AppErrorArgs<typeof code>));
}

const validationBody = z.strictObject({
  required: z.string(),
  wrongType: z.number(),
  short: z.string().min(5),
  long: z.string().max(1),
  longer: z.string().max(3),
  small: z.number().min(2),
  big: z.number().max(9),
  few: z.array(z.string()).min(1),
  many: z.array(z.string()).max(2),
  email: z.email(),
  uuid: z.uuid(),
  pattern: z.string().regex(/^[a-z]+$/),
  choice: z.enum(['a', 'b']),
  custom: z.string().refine((v) => v === 'ok'),
});
const badBody = {
  wrongType: 'x',
  short: 'abc',
  long: 'ab',
  longer: 'abcdef',
  small: 1,
  big: 10,
  few: [],
  many: ['a', 'b', 'c'],
  email: 'nope',
  uuid: 'nope',
  pattern: 'A1',
  choice: 'c',
  custom: 'no',
  extra: true,
};

function testRoutes(app: FastifyInstance) {
  app.get<{ Params: { code: string } }>('/test-only/errors/:code', async (req) => {
    const code = ERROR_CODES.find((c) => c === req.params.code) ?? 'INTERNAL';
    const count = typeof req.query === 'object' && req.query && 'count' in req.query ? Number(req.query.count) : undefined;
    throw appErrorFor(code, count);
  });
  app.post('/test-only/validation', { schema: { body: validationBody } }, async () => ({ ok: true }));
}

const t = useTestApp({ routes: testRoutes });

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] as string);
}

interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; code: string; message: string }[] };
}

describe('every error code renders without a raw placeholder, in every language (#9 item 6)', () => {
  it('every message of every language uses only the parameters its code declares', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of flatten(CATALOGUES[lang].errors)) {
        if (key.startsWith('validation.')) continue;
        const code = splitPluralKey(key)?.base ?? key;
        expect(ERROR_CODES as readonly string[], `${lang} errors.json: "${key}" is not an error code`).toContain(code);
        const declared: readonly string[] = hasParams(code as ErrorCode) ? ERROR_PARAM_NAMES[code as keyof ErrorParamsMap] : [];
        for (const name of placeholdersIn(text)) expect(declared, `${lang} "${key}" uses {{${name}}}`).toContain(name);
      }
    }
  });

  it.each(LANGUAGES)('%s: each code through the real error handler', async (lang) => {
    for (const code of ERROR_CODES) {
      const res = await t.app.inject({ method: 'GET', url: `/test-only/errors/${code}`, headers: { 'accept-language': lang } });
      const body = res.json<ErrorBody>();
      expect(body.error.code, code).toBe(code);
      expect(res.statusCode, code).toBe(statusOf(code));
      const message = body.error.message;
      expect(message, `${lang} ${code}`).not.toMatch(/\{\{|\}\}/);
      expect(message, `${lang} ${code} falls back to its key`).not.toContain(code);
      if (hasParams(code)) for (const value of Object.values(SAMPLE_PARAMS[code])) expect(message, `${lang} ${code}`).toContain(String(value));
    }
  });

  it('counts pick the plural form: 1 second, 44 seconds', async () => {
    const say = async (lang: string, count: number) =>
      (await t.app.inject({ method: 'GET', url: `/test-only/errors/TOO_MANY_ATTEMPTS?count=${count}`, headers: { 'accept-language': lang } })).json<ErrorBody>().error.message;
    expect(await say('en', 1)).toBe('Too many attempts. Try again in 1 second.');
    expect(await say('en', 44)).toBe('Too many attempts. Try again in 44 seconds.');
    expect(await say('it', 1)).toBe('Troppi tentativi. Riprova tra 1 secondo.');
    expect(await say('fr', 1000000)).toBe('Trop de tentatives. Réessayez dans 1000000 de secondes.');
    const throttled = await t.app.inject({ method: 'GET', url: '/test-only/errors/TOO_MANY_ATTEMPTS?count=7' });
    expect(throttled.headers['retry-after']).toBe('7');
  });

  it.each(LANGUAGES)('%s: every validation detail is a full sentence', async (lang) => {
    const res = await t.app.inject({ method: 'POST', url: '/test-only/validation', payload: badBody, headers: { 'accept-language': lang } });
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const details = body.error.details ?? [];
    // Every field of the schema is wrong, plus the unknown key.
    expect(new Set(details.map((d) => d.field))).toEqual(new Set([...Object.keys(validationBody.shape).map((k) => `body.${k}`), 'body']));
    for (const d of details) {
      expect(d.message, `${lang} ${d.field}`).not.toMatch(/\{\{|\}\}/);
      expect(d.message, `${lang} ${d.field}`).not.toMatch(/^validation\./);
    }
    for (const broken of ['{"a":', '']) {
      const json = await t.app.inject({ method: 'POST', url: '/test-only/validation', payload: broken, headers: { 'accept-language': lang, 'content-type': 'application/json' } });
      const err = json.json<ErrorBody>().error;
      expect(err.code).toBe('VALIDATION_FAILED');
      for (const d of err.details ?? []) expect(d.message).not.toMatch(/\{\{|^validation\./);
    }
    const media = await t.app.inject({ method: 'POST', url: '/test-only/validation', payload: '<x/>', headers: { 'accept-language': lang, 'content-type': 'text/xml' } });
    expect(media.json<ErrorBody>().error.message).not.toMatch(/\{\{/);
  });

  it('lengths and item counts use plural forms', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test-only/validation', payload: badBody, headers: { 'accept-language': 'en' } });
    const byField = new Map((res.json<ErrorBody>().error.details ?? []).map((d) => [d.field, d.message]));
    expect(byField.get('body.short')).toBe('Enter at least 5 characters.');
    expect(byField.get('body.long')).toBe('Enter at most 1 character.');
    expect(byField.get('body.longer')).toBe('Enter at most 3 characters.');
    expect(byField.get('body.few')).toBe('Choose at least 1 item.');
    expect(byField.get('body.many')).toBe('Choose at most 2 items.');
    expect(byField.get('body.small')).toBe('Enter a value of at least 2.');
    expect(byField.get('body.required')).toBe('This field is required.');
    expect(byField.get('body')).toBe('Unknown fields are not accepted: extra.');
  });
});
