import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from './error-message';

interface FormErrorProps {
  error: unknown;
}

/** The server's answer to a failed form submission, shown above the submit button. */
export function FormError({ error }: FormErrorProps) {
  if (!error) return null;
  return (
    <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />}>
      {errorMessage(error)}
    </Alert>
  );
}
