import type { ErrorCode } from '@porta/contracts/errors';
import { translate } from '@porta/i18n/translate';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { constraintAnswer, constraintParams } from '../db/constraint-answers.ts';
import { AppError, statusOf } from '../errors.ts';
import { requestLanguage } from '../i18n/request-language.ts';
import { localiseValidation } from './validation-details.ts';

function send(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, status: number, params: Record<string, string | number> = {}, details?: unknown, ownMessage?: string) {
  const message = ownMessage ?? translate(request.lang, 'errors', code, params);
  const body = details === undefined ? { error: { code, message } } : { error: { code, message, details } };
  return reply.status(status).send(body);
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_REQ_FILE_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'ATTACHMENT_MISSING',
  FST_FILES_LIMIT: 'VALIDATION_FAILED',
  FST_PARTS_LIMIT: 'VALIDATION_FAILED',
  FST_FIELDS_LIMIT: 'VALIDATION_FAILED',
};

/**
 * Every failure leaves as `{ error: { code, message, details? } }`. Bad input of any shape
 * maps to a 4xx; only a real fault is a 500, logged with its stack and never shown.
 */
export function registerErrorHandler(app: FastifyInstance, limits: { attachmentMaxBytes: number }): void {
  const megabytes = Math.round(limits.attachmentMaxBytes / 1048576);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'TOO_MANY_ATTEMPTS') reply.header('retry-after', String(error.params.count ?? 60));
      const own = error.localised(request.lang);
      return send(request, reply, error.code, error.status, error.params, own.details ?? error.details, own.message);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(request, reply, 'VALIDATION_FAILED', 400, {}, localiseValidation(request.lang, error.validation, error.validationContext));
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) {
      const details = mapped === 'VALIDATION_FAILED' ? [{ field: 'body', code: 'invalid_json', message: translate(request.lang, 'errors', 'validation.invalid_json') }] : undefined;
      return send(request, reply, mapped, statusOf(mapped), { megabytes }, details);
    }
    const constraintCode = constraintAnswer(error);
    if (constraintCode) {
      // A write that lost a race (its reference deleted, its unique value taken, its row newly
      // referenced) after the route's own checks passed: the answer a moment later's check gives.
      request.log.warn({ constraint: (error as { constraint?: string }).constraint, code: constraintCode }, 'constraint refused a write');
      return send(request, reply, constraintCode, statusOf(constraintCode), constraintParams(error));
    }
    const pgCode = (error as { code?: string }).code;
    if (pgCode && (/^22/.test(pgCode) || pgCode === '23514')) {
      // A data exception from PostgreSQL (value out of range, bad text) or a check constraint: the input's fault.
      request.log.warn({ err: error }, 'database rejected input');
      return send(request, reply, 'VALIDATION_FAILED', 400);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(request, reply, error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', error.statusCode === 404 ? 404 : 400);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 'INTERNAL', 500);
  });
}

/**
 * Fastify's own refusals before any route matches (a malformed %-escape in the path, a path
 * parameter over `maxParamLength`) would otherwise leave in Fastify's shape: give them ours.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.lang = requestLanguage(request);
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const details = [{ field: 'params', code: 'invalid_format', message: translate(request.lang, 'errors', 'validation.invalid_format') }];
    return send(request, reply, 'VALIDATION_FAILED', 400, {}, details);
  }
  request.log.error({ err: error }, 'framework error');
  return send(request, reply, 'INTERNAL', 500);
}
