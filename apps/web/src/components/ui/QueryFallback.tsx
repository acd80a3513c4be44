import type { ReactNode } from 'react';
import { ErrorState } from './ErrorState';
import { LoadingState } from './LoadingState';

interface QueryFallbackProps {
  query: { isError: boolean; error: unknown; refetch: () => unknown };
  /** What shows while the first load runs (default: the section loader). */
  loading?: ReactNode;
}

/**
 * What a view shows while its query has no data yet: the error with a retry once the first load
 * failed, else `loading`. Render it only while `data` is undefined: a refetch that fails keeps
 * the last answer on screen, so a poll that fails never unmounts what the person is in (an open
 * action dialog, a form). DataTable follows the same rule.
 */
export function QueryFallback({ query, loading = <LoadingState /> }: QueryFallbackProps) {
  return query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : <>{loading}</>;
}
