import { AppError } from '../../platform/errors.ts';
import type { CustomFieldRow } from './custom-fields.repo.ts';

type Value = string | number | boolean | null;

/** T-7: checks each value against its field's type; answers the rows to write, or throws with the field's key. */
export function validateCustomValues(fields: CustomFieldRow[], input: Record<string, Value>): { fieldId: string; value: Value }[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return Object.entries(input).map(([key, value]) => {
    const field = byKey.get(key);
    if (!field) throw new AppError('CUSTOM_FIELD_NOT_FOUND', { field: key });
    if (value !== null && !valid(field, value)) throw new AppError('CUSTOM_FIELD_INVALID', { field: field.label });
    return { fieldId: field.id, value };
  });
}

function valid(field: CustomFieldRow, value: Exclude<Value, null>): boolean {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 500 && !value.includes('\n');
    case 'longText':
      return typeof value === 'string' && value.length <= 10_000;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
    case 'dropdown':
      return typeof value === 'string' && field.options.includes(value);
    case 'checkbox':
      return typeof value === 'boolean';
  }
}
