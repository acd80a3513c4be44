import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

export const DEFAULT_PAGE_SIZE = 25;

/** Search text and page number of a list, kept in the URL so they survive reloads and links. */
export function useListParams(extraKeys: readonly string[] = []) {
  const [params, setParams] = useSearchParams();
  const urlQuery = params.get('q') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const [search, setSearch] = useState(urlQuery);
  const [debounced] = useDebouncedValue(search, 300);

  useEffect(() => {
    if (debounced.trim() === urlQuery) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debounced.trim()) next.set('q', debounced.trim());
        else next.delete('q');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [debounced, urlQuery, setParams]);

  const setPage = useCallback(
    (nextPage: number) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (nextPage > 1) next.set('page', String(nextPage));
        else next.delete('page');
        return next;
      });
    },
    [setParams],
  );

  const setFilter = useCallback(
    (key: string, value: string | null) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        next.delete('page');
        return next;
      });
    },
    [setParams],
  );

  const filters = Object.fromEntries(extraKeys.map((key) => [key, params.get(key) ?? undefined]));

  return { search, setSearch, query: urlQuery, page, setPage, pageSize: DEFAULT_PAGE_SIZE, filters, setFilter };
}
