import { Typography } from '@mantine/core';
import { useMemo } from 'react';
import { renderMarkdown } from '../../lib/markdown';

/**
 * Markdown written by a contact or technician (tickets, KB articles; console and portal alike):
 * no raw HTML, sanitised, links open in a new tab with rel=noopener; images only when allowed.
 */
export function Markdown({ source, images = false }: { source: string; images?: boolean }) {
  const html = useMemo(() => renderMarkdown(source, { images }), [source, images]);
  // Safe: renderMarkdown escapes every HTML tag of the source and sanitises its own output.
  return <Typography className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
