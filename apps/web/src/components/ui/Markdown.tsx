import { Typography } from '@mantine/core';
import { useMemo } from 'react';
import { renderMarkdown } from '../../lib/markdown';

/**
 * Markdown written by a contact or technician (ticket descriptions and comments, in the console
 * and the portal alike): no raw HTML, sanitised, links open in a new tab with rel=noopener.
 */
export function Markdown({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // Safe: renderMarkdown escapes every HTML tag of the source and sanitises its own output.
  return <Typography className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
