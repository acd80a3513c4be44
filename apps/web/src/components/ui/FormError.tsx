import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from './error-message';

interface FormErrorProps {
  error: unknown;
  /** Codes already shown next to a field (see showServerFieldErrors' codeFields). */
  shownOnFields?: Readonly<Record<string, string>>;
}

/** The server's answer to a failed form submission, shown above the submit button. */
export function FormError({ error, shownOnFields }: FormErrorProps) {
  if (!error) return null;
  if (shownOnFields && error instanceof ApiError && shownOnFields[error.code]) return null;
  return (
    <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />}>
      {errorMessage(error)}
    </Alert>
  );
}
