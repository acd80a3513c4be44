import { useState } from 'react';

/**
 * The last non-null value: lets a modal keep showing its subject while it animates closed
 * after the page has already cleared it.
 */
export function useRetained<T>(value: T | null): T | null {
  const [kept, setKept] = useState(value);
  if (value !== null && value !== kept) setKept(value);
  return value ?? kept;
}
