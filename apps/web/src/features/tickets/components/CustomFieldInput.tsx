import { Checkbox, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format';

export type CustomValue = string | number | boolean | null;

export interface CustomFieldDef {
  key: string;
  label: string;
  type: 'text' | 'longText' | 'number' | 'date' | 'dropdown' | 'checkbox';
  options: string[];
}

interface CustomFieldInputProps {
  field: CustomFieldDef;
  value: CustomValue | undefined;
  onChange: (value: CustomValue) => void;
  error?: ReactNode;
  disabled?: boolean;
}

/** The input for a custom ticket field of any type (T-7). Empty inputs send null (the value is removed). */
export function CustomFieldInput({ field, value, onChange, error, disabled }: CustomFieldInputProps) {
  const { t } = useTranslation();
  const common = { label: field.label, error, disabled };
  switch (field.type) {
    case 'text':
      return <TextInput {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)} maxLength={500} />;
    case 'longText':
      return (
        <Textarea
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : next === '' ? null : Number.isFinite(Number(next)) ? Number(next) : null)}
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)} />;
    case 'dropdown':
      return (
        <Select
          {...common}
          data={field.options}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next)}
          clearable
          placeholder={t('tickets.notSet')}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'checkbox':
      return <Checkbox label={field.label} error={error} disabled={disabled} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} mt="xs" />;
  }
}

const CUSTOM_TYPES: readonly string[] = ['text', 'longText', 'number', 'date', 'dropdown', 'checkbox'];

/** A field description from the portal's ticket form, when it is a custom field. */
export function asCustomField(field: { key: string; label: string | null; type: string; options: string[] }): CustomFieldDef | null {
  if (!CUSTOM_TYPES.includes(field.type)) return null;
  return { key: field.key, label: field.label ?? field.key, type: field.type as CustomFieldDef['type'], options: field.options };
}

/** A custom value as text for read-only display. */
export function useFormatCustomValue() {
  const { t } = useTranslation();
  return (field: Pick<CustomFieldDef, 'type'>, value: CustomValue | undefined): string => {
    if (value === undefined || value === null || value === '') return t('tickets.notSet');
    if (field.type === 'checkbox') return value === true ? t('tickets.yes') : t('tickets.no');
    if (field.type === 'date' && typeof value === 'string') return formatDate(`${value}T00:00:00`);
    return String(value);
  };
}
