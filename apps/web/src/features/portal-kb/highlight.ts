export interface Part {
  text: string;
  mark: boolean;
}

/**
 * A search snippet cut into plain and highlighted parts from the server's [start, end) offsets.
 * Offsets out of order, overlapping or past the end are skipped: the text is always shown whole.
 */
export function highlightParts(text: string, highlights: ReadonlyArray<readonly [number, number]>): Part[] {
  const parts: Part[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
