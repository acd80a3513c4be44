import type { PasswordPeople } from '@porta/contracts/password-strength';
import { Stack, type PasswordInputProps } from '@mantine/core';
import { PasswordField } from '../ui/PasswordField';
import { PasswordStrengthMeter } from './PasswordStrengthMeter';
import { usePasswordStrength } from './use-password-strength';

interface NewPasswordFieldProps extends Omit<PasswordInputProps, 'value'> {
  value: string;
  /** Whose password it is: their names, address and the MSP's name make a password weak. */
  people?: PasswordPeople;
}

/** A new-password input with the strength meter under it (issue 9 item 4). */
export function NewPasswordField({ value, people = {}, ...props }: NewPasswordFieldProps) {
  const state = usePasswordStrength(value, people);
  return (
    <Stack gap={6}>
      <PasswordField autoComplete="new-password" {...props} value={value} />
      <PasswordStrengthMeter state={state} />
    </Stack>
  );
}
