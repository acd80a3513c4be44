import { useTranslation } from 'react-i18next';
import { isNotFoundError } from '../../lib/api-error';
import { BackLink } from './BackLink';
import { ErrorState } from './ErrorState';
import type { WayBack } from './NotFoundState';
import { PageHeader } from './PageHeader';

interface DetailErrorProps {
  error: unknown;
  /** The list the page belongs to. */
  back: WayBack;
  /** The heading when loading failed for another reason ("Ticket unavailable"). */
  title: string;
  onRetry: () => void;
}

/** A detail page whose object could not be loaded: "Not found" (a 404) or the error with a retry. */
export function DetailError({ error, back, title, onRetry }: DetailErrorProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader above={<BackLink to={back.to} label={back.label} />} title={isNotFoundError(error) ? t('notFound.title') : title} />
      <ErrorState error={error} onRetry={onRetry} back={back} />
    </>
  );
}
