import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface CodeFieldProps {
  value: string;
  onChange: (value: string) => void;
  description?: string;
}

/** The 6-digit code an SMS brought (digits only, filled in by the phone's one-time-code autofill). */
export function CodeField({ value, onChange, description }: CodeFieldProps) {
  const { t } = useTranslation('devices');
  return (
    <TextInput
      label={t('selfService.codeLabel')}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      required
      data-autofocus
    />
  );
}
