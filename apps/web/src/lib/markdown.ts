import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * The one Markdown renderer of the web app (ticket descriptions and comments, knowledge-base
 * articles in the console preview and the portal alike). Raw HTML is never passed through
 * (html: false), markdown-it refuses javascript:/vbscript:/file: links, and the result is
 * sanitised once more against an allow-list, so nothing written can run in a reader's browser.
 * Images are off unless the caller allows them (a tenant's KB option); then only https images
 * load, without a referrer.
 */
const options = { html: false, linkify: true, breaks: true, typographer: false } as const;

/**
 * markdown-it writes a table column's alignment as `style="text-align:…"`, an inline style the
 * Content-Security-Policy refuses (issue 15 item 7; even in the sanitiser's parse, the browser
 * reports it) and the sanitiser would drop anyway: the `align` attribute says the same.
 */
function alignWithoutStyle(parser: InstanceType<typeof MarkdownIt>): void {
  parser.core.ruler.push('align_without_style', (state) => {
    for (const token of state.tokens) {
      const children = token.children ?? [];
      for (const cell of [token, ...children]) {
        const style = cell.attrGet('style');
        if (style === null) continue;
        cell.attrs = (cell.attrs ?? []).filter(([name]) => name !== 'style');
        const align = /^text-align:(left|center|right)$/.exec(String(style))?.[1];
        if (align && (cell.type === 'th_open' || cell.type === 'td_open')) cell.attrSet('align', align);
      }
    }
  });
}

const md = new MarkdownIt(options).use(alignWithoutStyle);
md.disable(['image']);
const mdWithImages = new MarkdownIt(options).use(alignWithoutStyle);

const LINK_REL = 'noopener noreferrer nofollow';

let hooked = false;
function purifier() {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      // Every link opens in a new tab without handing this window or the referrer to the target.
      if (node.tagName === 'A') {
        if (node.getAttribute('href')) {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', LINK_REL);
        } else {
          node.removeAttribute('target');
        }
      }
      // Images only from https (no data:, no http:, nothing relative to this origin's API).
      if (node.tagName === 'IMG') {
        if (!/^https:\/\//i.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
        node.setAttribute('referrerpolicy', 'no-referrer');
        node.setAttribute('loading', 'lazy');
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const ALLOWED_ATTR = ['href', 'target', 'rel', 'start', 'colspan', 'rowspan', 'align'];

export interface MarkdownOptions {
  /** Show images (https only). Off for tickets; a per-tenant option for KB articles. */
  images?: boolean;
}

/** Markdown → HTML with every HTML tag of the source escaped (the first line of defence). */
export function markdownToHtml(source: string, opts: MarkdownOptions = {}): string {
  return (opts.images ? mdWithImages : md).render(source);
}

/** What the page shows: markdownToHtml, sanitised by DOMPurify against an allow-list. */
export function renderMarkdown(source: string, opts: MarkdownOptions = {}): string {
  const images = opts.images === true;
  return purifier().sanitize(markdownToHtml(source, opts), {
    ALLOWED_TAGS: images ? [...ALLOWED_TAGS, 'img'] : ALLOWED_TAGS,
    ALLOWED_ATTR: images ? [...ALLOWED_ATTR, 'src', 'alt', 'title', 'referrerpolicy', 'loading'] : ALLOWED_ATTR,
  });
}
