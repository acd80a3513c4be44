import type { PageData } from './DataTable';

export interface Pager {
  /** Pages the pager offers: one more than counted when the total is a lower bound (opening it counts further). */
  pages: number;
  /** The page shown (from 1). */
  page: number;
  from: number;
  to: number;
  total: number;
  /** The footer's text: `table.showing`, or `table.showingMoreThan` when the server stopped counting. */
  label: 'table.showing' | 'table.showingMoreThan';
}

/** The footer of a page of a list, or null when there is nothing to page through. */
export function pagerOf<T>(data: PageData<T> | undefined): Pager | null {
  if (!data || data.total === undefined || !data.pageSize || data.items.length === 0) return null;
  const exact = data.totalExact !== false;
  const page = data.page ?? 1;
  const from = (page - 1) * data.pageSize + 1;
  return {
    pages: Math.max(1, Math.ceil(data.total / data.pageSize) + (exact ? 0 : 1)),
    page,
    from,
    to: from + data.items.length - 1,
    total: data.total,
    label: exact ? 'table.showing' : 'table.showingMoreThan',
  };
}
