import { MARK_END, MARK_START } from './kb-portal.repo.ts';

const MAX = 240;

/** Markdown syntax that reads as noise in a one-line excerpt; the words stay. */
function plain(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A search excerpt as plain text plus the [start, end) offsets of its matched words, from
 * ts_headline's marked text (or a body's beginning). The browser shows the text as text and
 * wraps the ranges in <mark>: no HTML ever travels, whatever the article contains.
 */
export function snippetOf(marked: string): { text: string; highlights: Array<[number, number]> } {
  const source = plain(marked);
  let text = '';
  const highlights: Array<[number, number]> = [];
  let start = -1;
  for (const ch of source) {
    if (ch === MARK_START) start = text.length;
    else if (ch === MARK_END) {
      if (start >= 0 && text.length > start) highlights.push([start, text.length]);
      start = -1;
    } else text += ch;
  }
  if (text.length <= MAX) return { text, highlights };
  const cut = text.lastIndexOf(' ', MAX);
  const end = cut > MAX / 2 ? cut : MAX;
  return { text: `${text.slice(0, end)} …`, highlights: highlights.filter(([, e]) => e <= end) };
}
