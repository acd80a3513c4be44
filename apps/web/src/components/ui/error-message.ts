import { ApiError } from '../../lib/api-error';
import { i18next } from '../../lib/i18n';

/** The text to show for any error: the server's localised message, or a generic one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return i18next.t('common:errors.unexpected');
}
