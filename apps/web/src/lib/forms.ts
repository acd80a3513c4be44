import type { FormErrors } from '@mantine/form';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { i18next } from './i18n';

type Issue = z.core.$ZodIssue;

function valueAt(values: unknown, path: PropertyKey[]): unknown {
  let node: unknown = values;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function issueMessage(issue: Issue, value: unknown, formatMessage: string | undefined): string {
  if (isBlank(value)) return i18next.t('common:validation.required');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return i18next.t('common:validation.minLength', { count: Number(issue.minimum) });
      return i18next.t('common:validation.invalid');
    case 'too_big':
      if (issue.origin === 'string') return i18next.t('common:validation.maxLength', { count: Number(issue.maximum) });
      if (issue.origin === 'array') return i18next.t('common:validation.tooMany', { count: Number(issue.maximum) });
      return i18next.t('common:validation.invalid');
    case 'invalid_format':
      if (issue.format === 'email') return i18next.t('common:validation.email');
      return formatMessage ?? i18next.t('common:validation.format');
    default:
      return formatMessage ?? i18next.t('common:validation.invalid');
  }
}

/**
 * A Mantine form validator from a shared contract schema, with messages in the UI language.
 * `formatMessages` gives the message for pattern errors per field path (e.g. `{ phone: '…' }`).
 */
export function zodValidator<Values>(schema: z.ZodType, formatMessages: Record<string, () => string> = {}) {
  return (values: Values): FormErrors => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      if (errors[path]) continue;
      errors[path] = issueMessage(issue, valueAt(values, issue.path), formatMessages[path]?.());
    }
    return errors;
  };
}

interface FieldErrorTarget {
  setFieldError: (path: string, error: ReactNode) => void;
}

/**
 * Puts a VALIDATION_FAILED answer's messages next to the matching fields, and a refusal that
 * belongs to one field (e.g. EMAIL_TAKEN → email, per `codeFields`) next to that field.
 * Answers how many were placed.
 */
export function showServerFieldErrors(
  form: FieldErrorTarget,
  error: unknown,
  fields: readonly string[],
  codeFields: Readonly<Record<string, string>> = {},
): number {
  if (!(error instanceof ApiError)) return 0;
  const owner = codeFields[error.code];
  if (owner) {
    form.setFieldError(owner, error.message);
    return 1;
  }
  let shown = 0;
  for (const issue of error.fieldIssues) {
    const path = issue.path.join('.');
    // An issue inside a list (domains.2) is shown on the list's field.
    const field = fields.find((candidate) => path === candidate || path.startsWith(`${candidate}.`));
    if (field) {
      form.setFieldError(field, issue.message);
      shown += 1;
    }
  }
  return shown;
}

/** Empty strings become null (for optional nullable fields such as phone). */
export function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
